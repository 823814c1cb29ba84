package org.nightlight.content;

import java.util.Map;

/** A refused search word, with each problem as a form field and the message key shown next to it. */
public final class SearchWordsException extends RuntimeException {

    private final Map<String, String> problems;

    SearchWordsException(Map<String, String> problems) {
        super("search word refused: " + problems);
        this.problems = Map.copyOf(problems);
    }

    /** Field name to message key. */
    public Map<String, String> problems() {
        return problems;
    }
}
