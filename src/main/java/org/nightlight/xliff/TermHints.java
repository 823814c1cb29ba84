package org.nightlight.xliff;

import java.util.List;

/**
 * Seam to the glossary (another change): the terms of a language pair found in a source unit. Exports note them
 * beside the unit and protect the do-not-translate ones; imports check those came back unchanged.
 */
@FunctionalInterface
public interface TermHints {

    /** No glossary yet: no notes, nothing protected beyond numbers, doses and addresses. */
    TermHints NONE = (sourceText, sourceLanguage, targetLanguage) -> List.of();

    List<Term> termsIn(String sourceText, String sourceLanguage, String targetLanguage);
}
