package org.nightlight.xliff;

import java.io.ByteArrayOutputStream;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nightlight.content.ItemKind;
import org.nightlight.content.Language;
import org.nightlight.content.Languages;
import org.nightlight.workflow.Policy;
import org.nightlight.workflow.RevisionRef;
import org.nightlight.workflow.WorkItem;
import org.nightlight.workflow.WorkflowQueries;

/**
 * The XLIFF 2.1 file an agency translates: every topic and question whose translation into one language is missing
 * or made from older source text, each from its live source revision.
 */
public final class XliffExport {

    /** The file, and how many items it holds (none: nothing needs translating). */
    public record Export(String languageCode, int items, byte[] xliff) {

        public String fileName() {
            return "nightlight-" + languageCode + ".xlf";
        }
    }

    /** The language does not exist or is the source language. */
    public static final class NoSuchTargetLanguage extends RuntimeException {
        NoSuchTargetLanguage(String languageCode) {
            super("'" + languageCode + "' is not a language to translate into");
        }
    }

    private final WorkflowQueries queries;
    private final Languages languages;
    private final TermHints terms;

    public XliffExport(WorkflowQueries queries, Languages languages, TermHints terms) {
        this.queries = queries;
        this.languages = languages;
        this.terms = terms;
    }

    public Export export(String languageCode) {
        Language target = languages.byCode(languageCode).filter(l -> !l.isSource())
                .orElseThrow(() -> new NoSuchTargetLanguage(languageCode));
        String source = languages.all().stream().filter(Language::isSource).findFirst().orElseThrow().code();
        List<WorkItem> overview = queries.overview();
        Map<Long, String> topicTitles = new LinkedHashMap<>();
        overview.stream().filter(w -> w.kind() == ItemKind.TOPIC && w.sourceLanguage())
                .forEach(w -> topicTitles.put(w.itemId(), w.title()));
        Map<Long, List<XliffWriter.Item>> byTopic = new LinkedHashMap<>();
        topicTitles.keySet().forEach(id -> byTopic.put(id, new ArrayList<>()));
        int count = 0;
        for (WorkItem w : overview) {
            if (!w.languageCode().equals(languageCode) || !Policy.needsTranslation(w.slot())
                    || (w.kind() != ItemKind.TOPIC && w.kind() != ItemKind.QUESTION)) {
                continue;
            }
            RevisionRef revision = queries.revision(w.slot().liveSourceRevisionId()).orElseThrow();
            byTopic.get(w.kind() == ItemKind.TOPIC ? w.itemId() : w.topicId())
                    .add(item(w, revision, source, languageCode));
            count++;
        }
        List<XliffWriter.TopicFile> files = new ArrayList<>();
        byTopic.forEach((topicId, items) -> {
            if (!items.isEmpty()) {
                files.add(new XliffWriter.TopicFile(topicId, topicTitles.get(topicId), items));
            }
        });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XliffWriter.write(out, source, languageCode, target.rightToLeft(), files);
        return new Export(languageCode, count, out.toByteArray());
    }

    private XliffWriter.Item item(WorkItem w, RevisionRef revision, String source, String target) {
        ItemUnits units = ItemUnits.of(w.itemId(), revision.text(), doNotTranslate(terms, revision, source, target));
        List<String> notes = new ArrayList<>();
        notes.add((w.kind() == ItemKind.TOPIC ? "Topic" : "Question") + " " + w.itemId() + ": " + revision.text().title());
        notes.add("Source revision " + revision.number() + " of "
                + revision.createdAt().atZone(ZoneOffset.UTC).toLocalDate()
                + (w.number() == null ? "; not translated yet." : "; the translation is made from older source text."));
        Map<String, List<String>> unitNotes = new LinkedHashMap<>();
        for (ItemUnits.XUnit unit : units.units()) {
            List<String> glossary = terms.termsIn(unit.markdown(), source, target).stream()
                    .map(t -> "Glossary: " + t.source() + (t.doNotTranslate() ? " (do not translate)" : " → " + t.target())
                            + (t.note() == null || t.note().isBlank() ? "" : " (" + t.note() + ")"))
                    .toList();
            if (!glossary.isEmpty()) {
                unitNotes.put(unit.unitId(), glossary);
            }
        }
        return new XliffWriter.Item(units, w.kind().name().toLowerCase(java.util.Locale.ROOT), revision.id(), notes,
                unitNotes);
    }

    /** The glossary's do-not-translate terms found anywhere in the revision: protected in every unit. */
    static List<String> doNotTranslate(TermHints terms, RevisionRef revision, String source, String target) {
        return terms.termsIn(revision.text().title() + "\n\n" + revision.text().body(), source, target).stream()
                .filter(Term::doNotTranslate).map(Term::source).distinct().toList();
    }
}
