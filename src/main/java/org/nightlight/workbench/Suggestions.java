package org.nightlight.workbench;

import java.util.List;

/**
 * Where translations of a unit can be suggested from. Translation memory is the one shipped; a machine
 * translation service would be another (its suggestions with no {@link Suggestion#origin()}).
 */
public interface Suggestions {

    /** For each of {@code sourceTexts}, in order, its suggestions into {@code targetLanguage}, best first. */
    List<List<Suggestion>> suggest(String sourceLanguage, String targetLanguage, List<String> sourceTexts);

    /**
     * A suggested translation of a unit. {@code score} is 100 for the very same source text, less for a
     * similar one; {@code sourceText} is the text that was translated, to show how it differs.
     */
    record Suggestion(String sourceText, String text, int score, Origin origin) {

        public boolean exact() {
            return score == 100;
        }
    }

    /** The published translation a suggestion comes from. */
    record Origin(long itemId, String itemTitle, String languageCode, int revisionNumber) {
    }
}
