package org.nightlight.xliff;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nightlight.account.Accounts;
import org.nightlight.account.Actor;
import org.nightlight.content.Language;
import org.nightlight.content.Languages;
import org.nightlight.content.RevisionText;
import org.nightlight.content.Slugs;
import org.nightlight.workflow.Policy;
import org.nightlight.workflow.RevisionRef;
import org.nightlight.workflow.Verdict;
import org.nightlight.workflow.Workflow;
import org.nightlight.workflow.WorkflowException;
import org.nightlight.workflow.WorkflowQueries;

/**
 * Takes a translated XLIFF file back. Everything is checked before anything is saved: an invalid file, source text
 * changed since the export, a protected span or required code removed or altered, a blocking automatic check, or
 * a translator not qualified for the language refuses the whole file. Otherwise every item whose units are all
 * translated becomes one new draft revision through {@link Workflow#saveRevision} (authored by the importing
 * translator, made from the exported source revision, never reviewed or published here); items not finished are
 * reported; an item whose newest draft already has this text is left alone, so a second import changes nothing.
 */
public final class XliffImport {

    /** One item as the report names it. */
    public record Entry(long itemId, String title) {
    }

    /** An item left out because some of its units are not translated yet (state before "translated"). */
    public record Incomplete(long itemId, String title, int untranslated, int units) {
    }

    /** What an import into a language did. {@code refusals} not empty: nothing was saved. */
    public record Report(String languageCode, List<Problem> refusals, List<Entry> imported, List<Entry> unchanged,
            List<Incomplete> incomplete, List<Problem> failed) {

        static Report refused(String languageCode, List<Problem> refusals) {
            return new Report(languageCode, List.copyOf(refusals), List.of(), List.of(), List.of(), List.of());
        }

        public boolean refused() {
            return !refusals.isEmpty();
        }
    }

    private final Workflow workflow;
    private final WorkflowQueries queries;
    private final Accounts accounts;
    private final Languages languages;
    private final TermHints terms;
    private final ImportChecks checks;

    public XliffImport(Workflow workflow, WorkflowQueries queries, Accounts accounts, Languages languages,
            TermHints terms, ImportChecks checks) {
        this.workflow = workflow;
        this.queries = queries;
        this.accounts = accounts;
        this.languages = languages;
        this.terms = terms;
        this.checks = checks;
    }

    /** A translated item ready to save. */
    private record Ready(long itemId, long sourceRevisionId, RevisionText text) {
    }

    public Report importFile(byte[] xliff, Actor translator) {
        XliffReader.XliffFile file;
        try {
            file = XliffReader.read(xliff);
        } catch (XliffReader.Unreadable e) {
            return Report.refused("", e.reasons().stream().map(r -> Problem.of("invalid", r, r)).toList());
        }
        String lang = file.targetLanguage();
        Optional<Language> target = languages.byCode(lang);
        String source = languages.all().stream().filter(Language::isSource).findFirst().orElseThrow().code();
        if (target.isEmpty() || target.get().isSource()) {
            return Report.refused(lang, List.of(Problem.of("language",
                    "the file's target language '" + lang + "' is not a language to translate into", lang)));
        }
        if (!file.sourceLanguage().equals(source)) {
            return Report.refused(lang, List.of(Problem.of("sourceLanguage", "the file's source language '"
                    + file.sourceLanguage() + "' is not '" + source + "'", file.sourceLanguage(), source)));
        }
        Accounts.Person person = accounts.byId(translator.userId()).orElseThrow();
        List<Problem> refusals = new ArrayList<>();
        List<Ready> ready = new ArrayList<>();
        List<Incomplete> incomplete = new ArrayList<>();
        for (XliffReader.FileItem item : file.items()) {
            String where = "item " + item.itemId();
            if (!item.languageCode().equals(lang)) {
                refusals.add(Problem.of("itemLanguage", where + " was exported for '" + item.languageCode()
                        + "', the file is for '" + lang + "'", item.itemId(), item.languageCode(), lang));
                continue;
            }
            Policy.Slot slot = queries.slot(item.itemId(), lang);
            if (slot == null) {
                refusals.add(Problem.of("noItem", where + " does not exist", item.itemId()));
                continue;
            }
            Verdict verdict = workflow.policy().edit(Policy.Person.of(person), slot);
            if (!verdict.allowed() && slot.liveSourceRevisionId() != null) {
                refusals.add(Problem.of("notAllowed", person.username() + " may not translate " + where + " into "
                        + lang + " (" + verdict.reason() + ")", person.username(), item.itemId(), lang));
                continue;
            }
            if (slot.liveSourceRevisionId() == null || slot.liveSourceRevisionId() != item.sourceRevisionId()) {
                refusals.add(Problem.of("sourceChanged", where + ": its source text changed since the export"
                        + " (exported revision id " + item.sourceRevisionId() + "); export again",
                        item.itemId()));
                continue;
            }
            RevisionRef sourceRevision = queries.revision(item.sourceRevisionId()).orElseThrow();
            ItemUnits units = ItemUnits.of(item.itemId(), sourceRevision.text(),
                    XliffExport.doNotTranslate(terms, sourceRevision, source, lang));
            check(units, item, sourceRevision, lang, refusals, ready, incomplete);
        }
        if (!refusals.isEmpty()) {
            return Report.refused(lang, refusals);
        }
        List<Entry> imported = new ArrayList<>();
        List<Entry> unchanged = new ArrayList<>();
        List<Problem> failed = new ArrayList<>();
        for (Ready item : ready) {
            Entry entry = new Entry(item.itemId(), item.text().title());
            RevisionRef latest = queries.history(item.itemId(), lang).stream().findFirst().orElse(null);
            if (latest != null && latest.contentHash().equals(item.text().contentHash())
                    && Long.valueOf(item.sourceRevisionId()).equals(latest.baseSourceRevisionId())) {
                unchanged.add(entry);
                continue;
            }
            try {
                workflow.saveRevision(translator, item.itemId(), lang, latest == null ? 0 : latest.number(),
                        item.text(), "Imported from XLIFF");
                imported.add(entry);
            } catch (WorkflowException e) {
                // someone saved or published meanwhile, or the text breaks a rule of its own (a slug taken)
                failed.add(Problem.of("saveFailed", "item " + item.itemId() + " was not saved: " + e.getMessage(),
                        item.itemId()));
            }
        }
        return new Report(lang, List.of(), imported, unchanged, incomplete, failed);
    }

    /** One item's units against the source they were exported from. */
    private void check(ItemUnits units, XliffReader.FileItem item, RevisionRef sourceRevision, String lang,
            List<Problem> refusals, List<Ready> ready, List<Incomplete> incomplete) {
        Map<String, XliffReader.FileUnit> returned = new HashMap<>();
        item.units().forEach(u -> returned.put(u.xliffId(), u));
        Map<String, String> translated = new HashMap<>();
        int untranslated = 0;
        int before = refusals.size();
        for (ItemUnits.XUnit unit : units.units()) {
            XliffReader.FileUnit back = returned.remove(unit.xliffId());
            if (back == null) {
                untranslated++;
                continue;
            }
            if (!ItemUnits.join(back.source()).equals(unit.markdown())) {
                refusals.add(Problem.of("sourceAltered", "unit " + unit.xliffId() + ": its source in the file is not"
                        + " the source that was exported", unit.xliffId()));
                continue;
            }
            if (back.target() == null) {
                untranslated++;
                continue;
            }
            List<Problem> problems = UnitCheck.problems(unit, back.target());
            refusals.addAll(problems);
            if (problems.isEmpty() && back.complete()) {
                translated.put(unit.unitId(), ItemUnits.join(back.target()));
            } else if (problems.isEmpty()) {
                untranslated++;
            }
        }
        returned.keySet().forEach(id -> refusals.add(Problem.of("unknownUnit", "unit " + id
                + " is not a unit of item " + item.itemId() + "'s exported source", id, item.itemId())));
        if (refusals.size() > before) {
            return;
        }
        if (untranslated > 0) {
            incomplete.add(new Incomplete(item.itemId(), sourceRevision.text().title(), untranslated,
                    units.units().size()));
            return;
        }
        RevisionText text = units.translate(translated, Slugs::slugify);
        if (text.title().isEmpty()) {
            refusals.add(Problem.of("emptyTitle", "item " + item.itemId() + ": the translated title is empty",
                    item.itemId()));
            return;
        }
        for (String problem : checks.blockingProblems(sourceRevision.text(), text, lang)) {
            refusals.add(Problem.of("check", "item " + item.itemId() + ": " + problem, item.itemId(), problem));
        }
        ready.add(new Ready(item.itemId(), sourceRevision.id(), text));
    }
}
