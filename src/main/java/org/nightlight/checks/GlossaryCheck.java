package org.nightlight.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The glossary: a do-not-translate term of the source must be in the translation exactly as written
 * (DO_NOT_TRANSLATE); a term of the source should be translated as approved (GLOSSARY), matched without regard
 * to case or accents and allowing endings ("jerk", "jerks"), since words inflect.
 */
final class GlossaryCheck {

    private GlossaryCheck() {
    }

    static List<Finding> check(Side source, Side target, List<Glossary.Term> terms) {
        String sourceText = source.visibleText();
        String targetText = target.visibleText();
        List<Finding> findings = new ArrayList<>();
        for (Glossary.Term term : terms) {
            if (term.doNotTranslate()) {
                if (exactly(term.source()).matcher(sourceText).find()
                        && !exactly(term.source()).matcher(targetText).find()) {
                    findings.add(new Finding(Check.DO_NOT_TRANSLATE, Place.TEXT, "missing", List.of(term.source())));
                }
            } else if (loosely(term.source(), sourceText, source.language())
                    && !loosely(term.target(), targetText, target.language())) {
                findings.add(new Finding(Check.GLOSSARY, Place.TEXT, "missing", List.of(term.source(),
                        term.target())));
            }
        }
        return findings;
    }

    private static Pattern exactly(String term) {
        return Pattern.compile("(?<![\\p{L}\\p{Nd}])" + Pattern.quote(term) + "(?![\\p{L}\\p{Nd}])");
    }

    /** The term at the start of a word (in Arabic after a joined article or preposition), any ending. */
    private static boolean loosely(String term, String text, String language) {
        String start = "ar".equals(language) ? "(?<![\\p{L}])(?:[وفبل]?(?:ال)?)" : "(?<![\\p{L}])";
        return Pattern.compile(start + Pattern.quote(NumberWords.normal(term, language)))
                .matcher(NumberWords.normal(text, language)).find();
    }
}
