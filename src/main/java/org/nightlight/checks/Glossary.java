package org.nightlight.checks;

import java.util.List;

/** The glossary of a language pair, as the checks need it. */
@FunctionalInterface
public interface Glossary {

    /** No terms: the checks that use the glossary find nothing. */
    Glossary NONE = (sourceLanguage, targetLanguage) -> List.of();

    List<Term> terms(String sourceLanguage, String targetLanguage);

    /**
     * A source term and its approved translation; a do-not-translate term (a name, an abbreviation such as BNSM)
     * stays as it is, so its {@code target} is the term itself.
     */
    record Term(String source, String target, boolean doNotTranslate) {
    }
}
