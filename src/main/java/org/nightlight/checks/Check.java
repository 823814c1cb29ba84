package org.nightlight.checks;

/**
 * The automatic checks of a translation against its source. Each has a name and an explanation in every admin
 * language under {@code admin.checks.<code>} and {@code admin.checks.<code>.explain}.
 */
public enum Check {

    /** Every number (dose, age, duration, temperature) of the source has the same value in the translation. */
    NUMBERS("numbers", Severity.BLOCKING),
    /** A number keeps its measure: "3 months" is not "3 semaines". */
    UNITS("units", Severity.BLOCKING),
    /** Phone numbers are copied digit for digit. */
    PHONES("phones", Severity.BLOCKING),
    /** The same link targets. */
    LINKS("links", Severity.BLOCKING),
    /** As many headings, paragraphs, list items and code blocks. */
    STRUCTURE("structure", Severity.BLOCKING),
    /** Do-not-translate terms of the glossary appear unchanged. */
    DO_NOT_TRANSLATE("doNotTranslate", Severity.BLOCKING),
    /** A number in digits on one side is in words on the other (or, in Arabic, in the noun's form). */
    NUMBERS_IN_WORDS("numbersInWords", Severity.WARNING),
    /** As much emphasis. */
    EMPHASIS("emphasis", Severity.WARNING),
    /** Glossary terms of the source have their approved translation. */
    GLOSSARY("glossary", Severity.WARNING),
    /** A part that says "not" in the source says it in the translation too. */
    NEGATION("negation", Severity.WARNING);

    private final String code;
    private final Severity severity;

    Check(String code, Severity severity) {
        this.code = code;
        this.severity = severity;
    }

    public String code() {
        return code;
    }

    public Severity severity() {
        return severity;
    }

    public boolean blocking() {
        return severity == Severity.BLOCKING;
    }

    /** The message key of its name; {@code key() + ".explain"} says what it checks. */
    public String key() {
        return "admin.checks." + code;
    }
}
