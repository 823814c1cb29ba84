package org.nightlight.demo;

import java.util.List;
import java.util.Map;
import org.nightlight.account.Actor;
import org.nightlight.content.SearchWords;

/**
 * The demo editor's search words: what parents type at night ("fit", "shaking", "convulsiones") mapped to
 * the words our texts use, so the first searches a newcomer tries find the answers.
 */
final class DemoSearchWords {

    /** Per language: what readers search for, and the words of our texts it means. */
    static final Map<String, List<Map.Entry<String, String>>> WORDS = Map.of(
            "en", List.of(Map.entry("fit", "seizure"), Map.entry("fits", "seizures"),
                    Map.entry("convulsion", "seizure"), Map.entry("convulsions", "seizures"),
                    Map.entry("shaking", "jerks"), Map.entry("twitching", "jerks"), Map.entry("twitches", "jerks"),
                    Map.entry("jerking", "jerks"), Map.entry("spasms", "jerks")),
            "es", List.of(Map.entry("convulsiones", "crisis epilépticas"),
                    Map.entry("convulsión", "crisis epiléptica"), Map.entry("temblores", "sacudidas"),
                    Map.entry("tiembla", "sacudidas"), Map.entry("espasmos", "sacudidas")),
            "fr", List.of(Map.entry("convulsions", "crises épileptiques"), Map.entry("convulsions", "crises d’épilepsie"),
                    Map.entry("convulsion", "crise épileptique"), Map.entry("convulsion", "crise d’épilepsie"), Map.entry("tremblements", "secousses"),
                    Map.entry("tremble", "secousses"), Map.entry("spasmes", "secousses")),
            "ar", List.of(Map.entry("تشنجات", "صرع"), Map.entry("تشنج", "صرع"),
                    Map.entry("رعشة", "حركات"), Map.entry("ارتجاف", "حركات")));

    private DemoSearchWords() {
    }

    static void load(SearchWords searchWords, Actor editor) {
        WORDS.forEach((language, words) -> words.forEach(w -> searchWords.add(editor, language, w.getKey(),
                w.getValue())));
    }
}
