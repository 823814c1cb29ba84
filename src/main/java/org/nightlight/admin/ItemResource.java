package org.nightlight.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.FormParam;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nightlight.account.Accounts.Person;
import org.nightlight.content.Language;
import org.nightlight.workflow.Policy;
import org.nightlight.workflow.Policy.Rev;
import org.nightlight.workflow.Policy.Slot;
import org.nightlight.workflow.ReviewKind;
import org.nightlight.workflow.RevisionRef;
import org.nightlight.workflow.Verdict;
import org.nightlight.workflow.WorkItem;
import org.nightlight.workflow.WorkflowException;
import org.nightlight.workflow.WorkflowQueries.PublicationRecord;
import org.nightlight.workflow.WorkflowQueries.ReviewRecord;
import org.nightlight.workflow.WorkflowQueries.Status;

/**
 * One item in one language: state, live text as the public sees it, history with approvals, a diff between
 * any two revisions, the provenance of the live text, and what this person may do now; plus the editor,
 * unpublish and rollback.
 */
@Path("/admin/items")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public final class ItemResource {

    /** One revision in the history, with its author's name and its reviews. */
    public record HistoryEntry(RevisionRef revision, String author, List<ReviewRecord> reviews, boolean live,
            boolean everPublished) {
    }

    /** A publication the editor may roll back to, or why not (a message key; null when it is allowed). */
    public record RollbackChoice(PublicationRecord publication, String refusal) {

        public boolean allowed() {
            return refusal == null;
        }

        public boolean expired() {
            return "workflow.error.signOffExpired".equals(refusal);
        }
    }

    /** The actions the policy allows this person on the item in this language now; the service asks it again. */
    public record Actions(boolean edit, RevisionRef submit, RevisionRef review, RevisionRef publish,
            boolean publishNeedsChange, boolean unpublish, List<RollbackChoice> rollback, RevisionRef withdraw) {

        public boolean any() {
            return edit || submit != null || review != null || publish != null || unpublish || !rollback.isEmpty()
                    || withdraw != null;
        }
    }

    private final ContentViews views;
    private final ItemEditor editor;

    @Context
    private HttpServletRequest request;

    @Context
    private HttpServletResponse response;

    ItemResource(ContentViews views, ItemEditor editor) {
        this.views = views;
        this.editor = editor;
    }

    @GET
    @Path("{id: \\d+}/{lang}")
    public Response item(@PathParam("id") long id, @PathParam("lang") String lang, @QueryParam("from") Integer from,
            @QueryParam("to") Integer to, @QueryParam("done") String done, @QueryParam("refused") String refused) {
        Map<String, Object> extra = new HashMap<>();
        extra.put("done", Flash.done(done));
        extra.put("refused", Flash.refused(refused));
        extra.put("from", from);
        extra.put("to", to);
        return render(id, lang, 200, extra);
    }

    @GET
    @Path("{id: \\d+}/{lang}/edit")
    public Response editForm(@PathParam("id") long id, @PathParam("lang") String lang,
            @QueryParam("done") String done, @QueryParam("refused") String refused) {
        ItemEditor.Target target = target(id, lang);
        Response refusal = refusal(target);
        if (refusal != null) {
            return refusal;
        }
        var draft = views.workflow.drafts().find(AdminUser.person(request).id(), id, lang);
        if (draft.isPresent()) {
            return editor.showDraft(request, response, target, draft.get());
        }
        RevisionRef latest = views.latest(id, lang);
        TextForm form = latest == null ? TextForm.EMPTY : TextForm.of(latest.text(), latest.number());
        return editor.show(request, response, target, form, done, refused);
    }

    @POST
    @Path("{id: \\d+}/{lang}/edit")
    public Response save(@PathParam("id") long id, @PathParam("lang") String lang,
            MultivaluedMap<String, String> form) {
        ItemEditor.Target target = target(id, lang);
        TextForm typed = TextForm.from(form);
        return editor.post(request, response, target, typed, form.getFirst("action"),
                text -> views.workflow.saveRevision(AdminUser.actor(request), id, lang, typed.basedOn(), text,
                        typed.note().strip()));
    }

    @POST
    @Path("{id: \\d+}/{lang}/unpublish")
    public Response unpublish(@PathParam("id") long id, @PathParam("lang") String lang,
            @FormParam("reason") String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            Map<String, Object> extra = new HashMap<>();
            extra.put("errors", Map.of("reason", "admin.unpublish.reasonRequired"));
            return render(id, lang, 400, extra);
        }
        try {
            views.workflow.unpublish(AdminUser.actor(request), id, lang, why);
        } catch (WorkflowException e) {
            return refused(id, lang, e, Map.of("reason", why));
        }
        return Response.seeOther(URI.create(path(id, lang) + "?done=unpublished")).build();
    }

    @POST
    @Path("{id: \\d+}/{lang}/rollback")
    public Response rollback(@PathParam("id") long id, @PathParam("lang") String lang,
            @FormParam("revision") long revisionId) {
        try {
            views.workflow.rollback(AdminUser.actor(request), id, lang, revisionId);
        } catch (WorkflowException e) {
            return refused(id, lang, e, Map.of());
        }
        return Response.seeOther(URI.create(path(id, lang) + "?done=rolledBack")).build();
    }

    /** The item page again with the refusal named at the top (and what was typed kept). */
    private Response refused(long id, String lang, WorkflowException e, Map<String, String> kept) {
        Map<String, Object> extra = new HashMap<>();
        extra.put("refused", e.code());
        extra.put("kept", kept);
        return render(id, lang, WorkflowErrors.status(e), extra);
    }

    static String path(long id, String lang) {
        return "/admin/items/" + id + "/" + lang;
    }

    private ItemEditor.Target target(long id, String lang) {
        Language language = views.language(lang);
        WorkItem source = ContentViews.sourceRow(views.rows(id));
        String context = language.isSource() ? null : source.title();
        return new ItemEditor.Target(id, source.kind(), source.topicId(), language, path(id, lang) + "/edit",
                language.isSource() ? "admin.edit.title" : "admin.edit.translateTitle", context);
    }

    /** Why this person may not open the editor here, as a page; null when they may. */
    private Response refusal(ItemEditor.Target target) {
        Verdict verdict = views.edit(AdminUser.person(request), target.itemId(), target.language().code());
        if (verdict.allowed()) {
            return null;
        }
        return WorkflowErrors.page(request, response, views.pages, WorkflowErrors.status(verdict), verdict.code(),
                path(target.itemId(), target.language().code()));
    }

    private Response render(long id, String lang, int status, Map<String, Object> extra) {
        Language language = views.language(lang);
        List<WorkItem> overview = views.queries.overviewOf(id);
        List<WorkItem> rows = ContentViews.rows(overview, id);
        WorkItem source = ContentViews.sourceRow(rows);
        WorkItem row = rows.stream().filter(w -> w.languageCode().equals(lang)).findFirst().orElse(null);
        Status state = views.queries.status(id, lang);
        Person me = AdminUser.person(request);
        Map<Long, String> names = views.names();

        List<RevisionRef> revisions = views.queries.history(id, lang);
        List<PublicationRecord> publications = views.queries.publications(id, lang);
        Set<Long> published = new LinkedHashSet<>();
        publications.forEach(p -> published.add(p.revisionId()));
        Map<Long, List<ReviewRecord>> reviews = views.queries.reviewsOf(id, lang);
        List<HistoryEntry> history = new ArrayList<>();
        for (RevisionRef r : revisions) {
            history.add(new HistoryEntry(r, r.authorId() == null ? "" : names.getOrDefault(r.authorId(), ""),
                    reviews.getOrDefault(r.id(), List.of()), Long.valueOf(r.id()).equals(state.liveRevisionId()),
                    published.contains(r.id())));
        }
        RevisionRef live = revisions.stream().filter(r -> Long.valueOf(r.id()).equals(state.liveRevisionId()))
                .findFirst().orElse(null);

        Map<String, Object> model = new HashMap<>(extra);
        model.putIfAbsent("errors", Map.of());
        model.putIfAbsent("kept", Map.of());
        model.put("language", language);
        model.put("languages", views.languages());
        model.put("languageCodes", rows.stream().map(WorkItem::languageCode).toList());
        model.put("source", source);
        model.put("row", row);
        model.put("state", state);
        model.put("itemState", state.state());
        model.put("itemTitle", row != null && row.title() != null ? row.title() : source.title());
        model.put("topic", topicRow(overview, source));
        model.put("live", live);
        model.put("livePreview", live == null ? null
                : views.preview(id, source.kind(), source.topicId(), live.text(), language));
        model.put("history", history);
        model.put("publications", publications);
        model.put("provenance", views.queries.provenance(id, lang));
        model.put("sourceLanguage", views.source());
        model.put("actions", actions(me, language, source, state, revisions, publications));
        model.put("today", views.today());
        model.put("thread", views.thread(me, id, lang, state.latest(), path(id, lang)));
        model.put("myDraft", views.workflow.drafts().find(me.id(), id, lang).orElse(null));
        diff(model, revisions, extra);
        String html = views.pages.render(request, response, "admin/item", model);
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html).build();
    }

    private static WorkItem topicRow(List<WorkItem> overview, WorkItem source) {
        if (source.topicId() == null) {
            return null;
        }
        return overview.stream()
                .filter(w -> w.itemId() == source.topicId() && w.sourceLanguage()).findFirst().orElse(null);
    }

    /** The diff between two revision numbers chosen on the page (default: the newest against the one before). */
    private static void diff(Map<String, Object> model, List<RevisionRef> revisions, Map<String, Object> extra) {
        if (revisions.size() < 2) {
            return;
        }
        Integer from = (Integer) extra.get("from");
        Integer to = (Integer) extra.get("to");
        boolean chosen = from != null && to != null;
        int toNumber = chosen ? to : revisions.get(0).number();
        int fromNumber = chosen ? from : revisions.get(1).number();
        RevisionRef a = revisions.stream().filter(r -> r.number() == fromNumber).findFirst().orElse(null);
        RevisionRef b = revisions.stream().filter(r -> r.number() == toNumber).findFirst().orElse(null);
        model.put("diffFrom", fromNumber);
        model.put("diffTo", toNumber);
        if (a == null || b == null) {
            return;
        }
        model.put("diff", Map.of(
                "title", WordDiff.html(a.text().title(), b.text().title()),
                "slug", WordDiff.html(a.text().slug(), b.text().slug()),
                "body", WordDiff.html(a.text().body(), b.text().body()),
                "sources", WordDiff.html(a.text().sources(), b.text().sources())));
        model.put("diffShown", chosen);
    }

    private Actions actions(Person me, Language language, WorkItem source, Status state, List<RevisionRef> revisions,
            List<PublicationRecord> publications) {
        Policy policy = views.policy();
        Policy.Person who = Policy.Person.of(me);
        Slot slot = views.queries.slot(source.itemId(), language.code());
        Map<Long, Rev> facts = views.queries.revs(source.itemId(), language.code());
        RevisionRef latest = revisions.isEmpty() ? null : revisions.get(0);
        Rev latestFacts = latest == null ? null : facts.get(latest.id());
        RevisionRef liveRef = revisions.stream().filter(r -> slot.live() && r.id() == slot.liveRevisionId())
                .findFirst().orElse(null);
        Rev liveFacts = liveRef == null ? null : facts.get(liveRef.id());

        RevisionRef submit = latest != null && policy.submit(who, slot, latestFacts).allowed() ? latest : null;
        RevisionRef review = null;
        // a revision already decided in a kind is not offered for it again (the review screen shows no form)
        if (latest != null && (policy.review(who, ReviewKind.LANGUAGE, slot, latestFacts).allowed()
                && !Policy.decided(ReviewKind.LANGUAGE, slot, latestFacts)
                || policy.review(who, ReviewKind.MEDICAL, slot, latestFacts).allowed()
                && !Policy.decided(ReviewKind.MEDICAL, slot, latestFacts))) {
            review = latest;
        } else if (liveRef != null && policy.review(who, ReviewKind.MEDICAL, slot, liveFacts).allowed()) {
            review = liveRef;
        }
        RevisionRef publish = latest != null && policy.publish(who, slot, latestFacts).allowed() ? latest : null;
        boolean needsChange = publish != null && Policy.asksSourceChange(slot, latestFacts);
        List<RollbackChoice> rollback = new ArrayList<>();
        Set<Long> seen = new LinkedHashSet<>();
        for (PublicationRecord p : publications) {
            if (!Long.valueOf(p.revisionId()).equals(state.liveRevisionId()) && seen.add(p.revisionId())) {
                Verdict verdict = policy.rollback(who, slot, facts.get(p.revisionId()));
                if (verdict.kind() != Verdict.Kind.NOT_PERMITTED) {
                    rollback.add(new RollbackChoice(p, verdict.allowed() ? null : verdict.code()));
                }
            }
        }
        // only a submission nobody has decided on yet can be taken back: ask who submitted it only then
        RevisionRef withdraw = null;
        if (latestFacts != null && latestFacts.submitted() && latestFacts.medical() == null
                && latestFacts.language() == null && policy.withdrawSubmission(who, slot, latestFacts,
                        views.queries.submittedBy(latest.id()).orElse(null)).allowed()) {
            withdraw = latest;
        }
        return new Actions(policy.edit(who, slot).allowed(), submit, review, publish, needsChange,
                policy.unpublish(who, slot).allowed(), rollback, withdraw);
    }
}
