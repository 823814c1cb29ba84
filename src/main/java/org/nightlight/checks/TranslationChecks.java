package org.nightlight.checks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.nightlight.content.RevisionText;

/**
 * The automatic checks of a translation against the source text it was made from: numbers and their measures,
 * phone numbers, links, Markdown structure, the glossary and negations. Pure: it reads nothing but the two texts
 * and the glossary, so the editor, the review screen, the submission and an import all get the same answer.
 */
public final class TranslationChecks {

    private final Glossary glossary;

    public TranslationChecks(Glossary glossary) {
        this.glossary = glossary;
    }

    /** The title and body of {@code translation} against {@code source}. Sources (references) are not compared:
     * a translation may cite a source in its own language. */
    public Report check(RevisionText source, String sourceLanguage, RevisionText translation,
            String targetLanguage) {
        Side from = Side.of(source.title(), source.body(), sourceLanguage);
        Side to = Side.of(translation.title(), translation.body(), targetLanguage);
        List<Segment> segments = Segment.of(from, to);
        List<Finding> findings = new ArrayList<>();
        findings.addAll(NumberCheck.check(segments, from, to));
        findings.addAll(PhoneCheck.check(from, to));
        findings.addAll(LinkCheck.check(from, to));
        findings.addAll(StructureCheck.check(from, to, segments));
        findings.addAll(GlossaryCheck.check(from, to, glossary.terms(sourceLanguage, targetLanguage)));
        findings.addAll(NegationCheck.check(segments, from, to));
        findings.sort(Comparator.comparing(Finding::check)); // stable: each check's findings in text order
        return new Report(findings);
    }
}
