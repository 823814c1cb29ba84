package org.nightlight.content;

import java.util.Map;

/** A refused help number, with each problem as a form field and the message key shown next to it. */
public final class HelpNumberException extends RuntimeException {

    private final Map<String, String> problems;

    HelpNumberException(Map<String, String> problems) {
        super("help number refused: " + problems);
        this.problems = Map.copyOf(problems);
    }

    public Map<String, String> problems() {
        return problems;
    }
}
