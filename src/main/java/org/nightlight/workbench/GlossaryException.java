package org.nightlight.workbench;

import java.util.Map;

/** A glossary change refused: what was wrong, by form field, as message keys; or not this person's to make. */
public final class GlossaryException extends RuntimeException {

    private final Map<String, String> problems;
    private final boolean notAllowed;

    private GlossaryException(Map<String, String> problems, boolean notAllowed, String reason) {
        super(reason);
        this.problems = Map.copyOf(problems);
        this.notAllowed = notAllowed;
    }

    static GlossaryException invalid(Map<String, String> problems) {
        return new GlossaryException(problems, false, "glossary term refused: " + problems);
    }

    static GlossaryException notAllowed(String reason) {
        return new GlossaryException(Map.of(), true, reason);
    }

    /** Field name to message key. */
    public Map<String, String> problems() {
        return problems;
    }

    /** The person may not keep this language pair's glossary. */
    public boolean notAllowed() {
        return notAllowed;
    }
}
