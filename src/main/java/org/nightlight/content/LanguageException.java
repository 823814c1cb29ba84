package org.nightlight.content;

import java.util.Map;

/**
 * A refused language change, with each problem as a form field and the message key shown next to it;
 * {@link #getMessage()} is English for logs and tests.
 */
public final class LanguageException extends RuntimeException {

    private final Map<String, String> problems;

    LanguageException(Map<String, String> problems) {
        super("language refused: " + problems);
        this.problems = Map.copyOf(problems);
    }

    /** Field name to message key. */
    public Map<String, String> problems() {
        return problems;
    }

    public boolean notFound() {
        return problems.containsValue("admin.languages.notFound");
    }
}
