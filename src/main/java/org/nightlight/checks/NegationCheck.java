package org.nightlight.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A segment that says "not" in the source and has no negation in the translation: "do not give" that became
 * "give" is the slip this catches. A warning, since a language can negate without these words ("unsafe").
 * Languages without a word list are not checked.
 */
final class NegationCheck {

    private static final String START = "(?<![\\p{L}\\p{M}])";
    private static final String END = "(?![\\p{L}\\p{M}])";
    private static final Map<String, Pattern> NEGATIONS = Map.of(
            "en", words("not|no|never|none|nothing|nobody|neither|nor|without|cannot|\\p{L}+n['’]t"),
            "fr", Pattern.compile(START + "(?:(?:ne|pas|jamais|sans|aucune?s?|rien|ni|non|nulle?)" + END
                    + "|n['’])", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE),
            "es", words("no|nunca|jamás|sin|ningun[oa]s?|ningún|nada|nadie|ni|tampoco"),
            // joined conjunctions and prepositions: ولا، فلا، وليست، بدون، بغير
            "ar", Pattern.compile(START + "[وف]?(?:لا|لم|لن|ليس|ليست|ليسا|ليسوا|لست|غير|بدون|دون|بغير|عدم|أبدا|أبدًا|أبداً)"
                    + END));

    private NegationCheck() {
    }

    static List<Finding> check(List<Segment> segments, Side source, Side target) {
        Pattern inSource = NEGATIONS.get(source.language());
        Pattern inTarget = NEGATIONS.get(target.language());
        List<Finding> findings = new ArrayList<>();
        if (inSource == null || inTarget == null) {
            return findings;
        }
        for (Segment segment : segments) {
            var said = inSource.matcher(Side.visible(segment.source()));
            if (said.find() && !inTarget.matcher(Side.visible(segment.target())).find()) {
                findings.add(new Finding(Check.NEGATION, segment.place(), "missing", List.of(said.group())));
            }
        }
        return findings;
    }

    private static Pattern words(String regex) {
        return Pattern.compile(START + "(?:" + regex + ")" + END, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }
}
