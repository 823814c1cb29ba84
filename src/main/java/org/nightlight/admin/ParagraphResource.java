package org.nightlight.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nightlight.content.Language;
import org.nightlight.units.Unit;
import org.nightlight.units.Units;
import org.nightlight.workbench.Glossary;
import org.nightlight.workbench.Suggestions;
import org.nightlight.workbench.Suggestions.Suggestion;
import org.nightlight.workbench.UnitAlignment;
import org.nightlight.workbench.UnitAlignment.Mark;
import org.nightlight.workflow.RevisionRef;
import org.nightlight.workflow.Verdict;

/**
 * The translation editor unit by unit: each heading, paragraph and list item of the live source beside its
 * translation, marked new, changed (with the word diff of the source) or unchanged since the source the
 * translation was made from, with suggestions and the glossary terms it contains. The units typed are joined
 * into one Markdown text in the source's structure and saved through the normal editor (preview, conflicts,
 * refusals all as there), except that a saved text with findings of the automatic checks, or one they kept from
 * review, comes back here with the findings. Works without JavaScript: "use this suggestion" is a submit button.
 */
@Path("/admin/items/{id: \\d+}/{lang}/paragraphs")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public final class ParagraphResource {

    static final String TITLE = "title";

    /** One row of the page: the title or a unit of the source, and the translation typed for it. */
    public record Row(String key, String kind, String source, Mark mark, String sourceDiff, String text,
            List<Suggestion> suggestions, List<Glossary.Entry> terms) {

        public String field() {
            return "unit-" + key;
        }
    }

    /** What the page is about: the item in a language, its live source, newest translation and that one's base. */
    private record Subject(ItemEditor.Target target, Language source, RevisionRef liveSource, RevisionRef latest,
            RevisionRef base) {
    }

    private final ContentViews views;
    private final ItemEditor editor;
    private final Suggestions suggestions;
    private final Glossary glossary;

    @Context
    private HttpServletRequest request;

    @Context
    private HttpServletResponse response;

    ParagraphResource(ContentViews views, ItemEditor editor, Suggestions suggestions, Glossary glossary) {
        this.views = views;
        this.editor = editor;
        this.suggestions = suggestions;
        this.glossary = glossary;
    }

    @GET
    public Response show(@PathParam("id") long id, @PathParam("lang") String lang, @QueryParam("done") String done,
            @QueryParam("refused") String refused) {
        Subject subject = subject(id, lang);
        Response refusal = refusal(subject);
        if (refusal != null) {
            return refusal;
        }
        RevisionRef latest = subject.latest();
        Map<String, String> typed = new HashMap<>();
        if (latest != null) {
            typed.put(TITLE, latest.text().title());
        }
        alignment(subject).rows().forEach(r -> typed.put(r.source().id(), r.translationText()));
        boolean saved = "saved".equals(done);
        Map<String, Object> flash = new HashMap<>();
        flash.put("checksSaved", saved);
        if (latest != null && (saved || Flash.refused(refused) != null)) {
            // after a save or a refused submission: what the checks find in the text saved, as the editor shows
            flash.put("translationChecks", views.workflow.checks().check(subject.liveSource().text(),
                    subject.source().code(), latest.text(), lang));
        }
        return page(subject, 200, typed, latest == null ? "" : latest.text().slug(),
                latest == null ? subject.liveSource().text().sources() : latest.text().sources(), "",
                latest == null ? 0 : latest.number(), Map.of(), Flash.refused(refused), null, flash);
    }

    @POST
    public Response save(@PathParam("id") long id, @PathParam("lang") String lang,
            MultivaluedMap<String, String> form) {
        Subject subject = subject(id, lang);
        Response refusal = refusal(subject);
        if (refusal != null) {
            return refusal;
        }
        Units.Split split = Units.of(subject.liveSource().text().body());
        Map<String, String> typed = new HashMap<>();
        typed.put(TITLE, oneLine(value(form, "unit-" + TITLE)));
        for (Unit unit : split.translatable()) {
            typed.put(unit.id(), unitText(unit.kind(), value(form, "unit-" + unit.id())));
        }
        String slug = value(form, "slug");
        String sources = value(form, "sources");
        String note = value(form, "note");
        int basedOn = Math.max(0, number(form.getFirst("basedOn")));
        if (!String.valueOf(subject.liveSource().id()).equals(value(form, "sourceRevision").strip())) {
            // the source moved on since the page was shown: units may have come or gone, so show them again
            return page(subject, 409, typed, slug, sources, note, basedOn, Map.of(), "admin.paragraphs.sourceMoved",
                    null);
        }
        String insert = form.getFirst("insert");
        if (insert != null) {
            return inserted(subject, typed, slug, sources, note, basedOn, insert);
        }
        Map<String, String> errors = new LinkedHashMap<>();
        split.translatable().stream().filter(u -> typed.get(u.id()).isEmpty())
                .forEach(u -> errors.put("unit-" + u.id(), "admin.paragraphs.unitEmpty"));
        if (!errors.isEmpty()) {
            return page(subject, 400, typed, slug, sources, note, basedOn, errors, "admin.form.problems", null);
        }
        String body = split.join(u -> u.translatable() ? typed.get(u.id()) : null);
        TextForm text = new TextForm(typed.get(TITLE), slug, body, sources, note, basedOn);
        return editor.post(request, response, subject.target(), text, form.getFirst("action"),
                t -> views.workflow.saveRevision(AdminUser.actor(request), id, lang, basedOn, t, note.strip()),
                "/paragraphs");
    }

    /** "Use this suggestion": the page again with that unit's box filled, everything else as typed. */
    private Response inserted(Subject subject, Map<String, String> typed, String slug, String sources, String note,
            int basedOn, String insert) {
        int colon = insert.lastIndexOf(':');
        String key = colon < 0 ? "" : insert.substring(0, colon);
        int choice = colon < 0 ? -1 : number(insert.substring(colon + 1));
        List<Row> rows = rows(subject, typed);
        Row row = rows.stream().filter(r -> r.key().equals(key)).findFirst().orElse(null);
        if (row == null || choice < 0 || choice >= row.suggestions().size()) {
            return page(subject, 400, typed, slug, sources, note, basedOn, Map.of(), "admin.paragraphs.noSuggestion",
                    null);
        }
        typed.put(key, row.suggestions().get(choice).text());
        return page(subject, 200, typed, slug, sources, note, basedOn, Map.of(), null, key);
    }

    private Subject subject(long id, String lang) {
        Language language = views.language(lang);
        var source = ContentViews.sourceRow(views.rows(id));
        ItemEditor.Target target = new ItemEditor.Target(id, source.kind(), source.topicId(), language,
                ItemResource.path(id, lang) + "/edit", "admin.edit.translateTitle", source.title());
        Language sourceLanguage = views.source();
        RevisionRef live = language.isSource() ? null : views.live(id, sourceLanguage.code());
        RevisionRef latest = language.isSource() ? null : views.latest(id, lang);
        RevisionRef base = latest == null || latest.baseSourceRevisionId() == null ? null
                : views.queries.revision(latest.baseSourceRevisionId()).orElse(null);
        return new Subject(target, sourceLanguage, live, latest, base);
    }

    /** Why this person may not use this view here, as a page; null when they may. */
    private Response refusal(Subject subject) {
        long id = subject.target().itemId();
        String lang = subject.target().language().code();
        if (subject.target().language().isSource()) {
            return Response.seeOther(URI.create(ItemResource.path(id, lang) + "/edit")).build();
        }
        Verdict verdict = views.edit(AdminUser.person(request), id, lang);
        if (!verdict.allowed() || subject.liveSource() == null) {
            return WorkflowErrors.page(request, response, views.pages, WorkflowErrors.status(verdict),
                    verdict.allowed() ? "workflow.error.sourceNotPublished" : verdict.code(),
                    ItemResource.path(id, lang));
        }
        return null;
    }

    private static UnitAlignment alignment(Subject subject) {
        return UnitAlignment.of(subject.liveSource().text().body(),
                subject.base() == null ? null : subject.base().text().body(),
                subject.latest() == null ? null : subject.latest().text().body());
    }

    private List<Row> rows(Subject subject, Map<String, String> typed) {
        RevisionRef live = subject.liveSource();
        UnitAlignment alignment = alignment(subject);
        List<String> texts = new ArrayList<>();
        texts.add(live.text().title());
        alignment.rows().forEach(r -> texts.add(r.source().content()));
        String sourceCode = subject.source().code();
        String targetCode = subject.target().language().code();
        List<List<Suggestion>> suggested = suggestions.suggest(sourceCode, targetCode, texts);
        List<Glossary.Entry> entries = glossary.terms(sourceCode, targetCode);

        List<Row> rows = new ArrayList<>();
        String baseTitle = subject.base() == null ? null : subject.base().text().title();
        Mark titleMark = baseTitle == null ? Mark.NEW : baseTitle.equals(live.text().title()) ? Mark.UNCHANGED
                : Mark.CHANGED;
        rows.add(new Row(TITLE, "TITLE", live.text().title(), titleMark,
                titleMark == Mark.CHANGED ? WordDiff.html(baseTitle, live.text().title()) : null,
                typed.getOrDefault(TITLE, ""), suggested.get(0), Glossary.foundIn(live.text().title(), entries)));
        for (int i = 0; i < alignment.rows().size(); i++) {
            UnitAlignment.Row r = alignment.rows().get(i);
            rows.add(new Row(r.source().id(), r.source().kind().name(), r.source().content(), r.mark(),
                    r.before() == null ? null : WordDiff.html(r.before().content(), r.source().content()),
                    typed.getOrDefault(r.source().id(), ""), suggested.get(i + 1),
                    Glossary.foundIn(r.source().content(), entries)));
        }
        return rows;
    }

    private Response page(Subject subject, int status, Map<String, String> typed, String slug, String sources,
            String note, int basedOn, Map<String, String> errors, String formError, String insertedKey) {
        return page(subject, status, typed, slug, sources, note, basedOn, errors, formError, insertedKey, Map.of());
    }

    private Response page(Subject subject, int status, Map<String, String> typed, String slug, String sources,
            String note, int basedOn, Map<String, String> errors, String formError, String insertedKey,
            Map<String, Object> flash) {
        UnitAlignment alignment = alignment(subject);
        Map<String, Object> model = new HashMap<>(flash);
        model.put("target", subject.target());
        model.put("sourceLang", subject.source());
        model.put("contentLang", subject.target().language().code());
        model.put("contentDir", subject.target().language().direction());
        model.put("liveSource", subject.liveSource());
        model.put("sourceBase", subject.base());
        model.put("aligned", alignment.aligned());
        model.put("toUpdate", alignment.toUpdate());
        model.put("rows", rows(subject, typed));
        model.put("slug", slug);
        model.put("sources", sources);
        model.put("note", note);
        model.put("basedOn", basedOn);
        model.put("errors", errors);
        model.put("formError", formError);
        model.put("inserted", insertedKey);
        model.put("itemPath", ItemResource.path(subject.target().itemId(), subject.target().language().code()));
        String html = views.pages.render(request, response, "admin/paragraphs", model);
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html).build();
    }

    /**
     * A unit stays one block of the Markdown: a heading or list item on one line, a paragraph without blank
     * lines (which would start another paragraph and shift every unit after it).
     */
    static String unitText(Unit.Kind kind, String typed) {
        String text = typed.strip();
        return kind == Unit.Kind.PARAGRAPH ? text.replaceAll("\n[ \t]*(\n[ \t]*)+", "\n") : oneLine(text);
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*\n\\s*", " ").strip();
    }

    /** As typed, line ends as \n, control characters other than tab and line end dropped (as {@link TextForm}). */
    private static String value(MultivaluedMap<String, String> form, String name) {
        String v = form.getFirst(name);
        return v == null ? "" : v.replace("\r\n", "\n").replace('\r', '\n')
                .replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]", "");
    }

    private static int number(String value) {
        try {
            return value == null ? -1 : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
