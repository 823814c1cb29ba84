package org.nightlight.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nightlight.account.Accounts.Person;
import org.nightlight.content.Language;
import org.nightlight.content.SourceChange;
import org.nightlight.workflow.Decision;
import org.nightlight.workflow.LiveOutcome;
import org.nightlight.workflow.Policy;
import org.nightlight.workflow.Policy.Rev;
import org.nightlight.workflow.Policy.Slot;
import org.nightlight.workflow.ReviewKind;
import org.nightlight.workflow.RevisionRef;
import org.nightlight.workflow.Verdict;
import org.nightlight.workflow.WorkItem;
import org.nightlight.workflow.WorkflowException;
import org.nightlight.workflow.WorkflowQueries.ReviewRecord;
import org.nightlight.workflow.WorkflowQueries.Status;

/**
 * One exact revision: review and sign-off (approve or request changes, bound to the content hash the
 * reviewer saw), submit for review, and publish with the MINOR/SAFETY confirmation for source changes.
 */
@Path("/admin/revisions")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public final class RevisionResource {

    private final ContentViews views;

    @Context
    private HttpServletRequest request;

    @Context
    private HttpServletResponse response;

    RevisionResource(ContentViews views) {
        this.views = views;
    }

    @GET
    @Path("{id: \\d+}")
    public Response show(@PathParam("id") long id, @QueryParam("done") String done,
            @QueryParam("refused") String refused, @QueryParam("kind") String kind) {
        Map<String, Object> extra = new HashMap<>();
        extra.put("done", Flash.done(done));
        // after a decision: say what happens next (the kind says which queue "next" comes from)
        extra.put("decidedKind", "reviewed".equals(done) ? parseOrNull(ReviewKind.class, kind) : null);
        extra.put("refused", Flash.refused(refused));
        return render(id, 200, extra);
    }

    @POST
    @Path("{id: \\d+}/review")
    public Response review(@PathParam("id") long id, @FormParam("kind") String kind,
            @FormParam("decision") String decision, @FormParam("comment") String comment,
            @FormParam("hash") String hash, @FormParam("liveOutcome") String liveOutcome) {
        ReviewKind reviewKind = parse(ReviewKind.class, kind);
        Decision reviewDecision = parse(Decision.class, decision);
        LiveOutcome outcome = liveOutcome == null || liveOutcome.isBlank() ? null : parse(LiveOutcome.class, liveOutcome);
        String typed = comment == null ? "" : comment.replace("\r\n", "\n");
        try {
            views.workflow.review(AdminUser.actor(request), id, reviewKind, reviewDecision, typed,
                    hash == null ? "" : hash, outcome);
        } catch (WorkflowException e) {
            Map<String, Object> extra = new HashMap<>();
            extra.put("refusedKind", reviewKind.name());
            extra.put("refused", e.code());
            extra.put("kept", Map.of(reviewKind.name(), typed, "liveOutcome", outcome == null ? "" : outcome.name()));
            if (e instanceof WorkflowException.InvalidText invalid) {
                extra.put("errors", Map.of(reviewKind.name() + "." + invalid.field(), e.code()));
            }
            return render(id, WorkflowErrors.status(e), extra);
        }
        return Response.seeOther(URI.create("/admin/revisions/" + id + "?done=reviewed&kind=" + reviewKind.name()))
                .build();
    }

    @POST
    @Path("{id: \\d+}/submit")
    public Response submit(@PathParam("id") long id) {
        RevisionRef revision = revision(id);
        try {
            views.workflow.submit(AdminUser.actor(request), id);
        } catch (WorkflowException.ChecksFailed e) {
            // the review screen lists what the checks found
            return Response.seeOther(URI.create("/admin/revisions/" + id + "?refused=" + e.code())).build();
        }
        return Response.seeOther(URI.create(ItemEditor.itemPath(revision) + "?done=submitted")).build();
    }

    /** Before publishing source text over a live one: what MINOR or SAFETY would do to each translation. */
    @GET
    @Path("{id: \\d+}/publish")
    public Response confirm(@PathParam("id") long id, @QueryParam("change") String change) {
        RevisionRef revision = revision(id);
        Verdict verdict = views.policy().publish(Policy.Person.of(AdminUser.person(request)),
                views.queries.slot(revision.itemId(), revision.languageCode()), views.queries.rev(id));
        if (!verdict.allowed()) {
            return WorkflowErrors.page(request, response, views.pages, WorkflowErrors.status(verdict), verdict.code(),
                    "/admin/revisions/" + id);
        }
        List<WorkItem> rows = views.rows(revision.itemId());
        Map<String, Object> model = new HashMap<>();
        model.put("revision", revision);
        model.put("itemTitle", revision.text().title());
        model.put("item", ContentViews.sourceRow(rows));
        model.put("language", views.language(revision.languageCode()));
        model.put("languages", views.languages());
        model.put("affected", rows.stream().filter(w -> !w.sourceLanguage() && w.live()).toList());
        model.put("change", parseOrNull(change));
        return Response.ok(views.pages.render(request, response, "admin/publish", model)).build();
    }

    @POST
    @Path("{id: \\d+}/publish")
    public Response publish(@PathParam("id") long id, @FormParam("change") String change) {
        RevisionRef revision = revision(id);
        try {
            views.workflow.publish(AdminUser.actor(request), id, parseOrNull(change));
        } catch (WorkflowException e) {
            Map<String, Object> extra = new HashMap<>();
            extra.put("refused", e.code());
            return render(id, WorkflowErrors.status(e), extra);
        }
        return Response.seeOther(URI.create(ItemEditor.itemPath(revision) + "?done=published")).build();
    }

    private RevisionRef revision(long id) {
        return views.queries.revision(id).orElseThrow(NotFoundException::new);
    }

    private static SourceChange parseOrNull(String change) {
        return parseOrNull(SourceChange.class, change);
    }

    private static <E extends Enum<E>> E parseOrNull(Class<E> type, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value) {
        try {
            return Enum.valueOf(type, value == null ? "" : value);
        } catch (IllegalArgumentException e) {
            throw new jakarta.ws.rs.BadRequestException();
        }
    }

    private Response render(long id, int status, Map<String, Object> extra) {
        RevisionRef revision = revision(id);
        String lang = revision.languageCode();
        Language language = views.language(lang);
        Person me = AdminUser.person(request);
        List<WorkItem> rows = views.rows(revision.itemId());
        WorkItem source = ContentViews.sourceRow(rows);
        Status state = views.queries.status(revision.itemId(), lang);
        RevisionRef latest = state.latest();
        boolean isLatest = latest != null && latest.id() == revision.id();
        boolean mine = revision.authorId() != null && revision.authorId() == me.id();
        Policy policy = views.policy();
        Policy.Person who = Policy.Person.of(me);
        Slot slot = views.queries.slot(revision.itemId(), lang);
        Rev facts = views.queries.rev(id);

        Map<String, Object> model = new HashMap<>(extra);
        model.putIfAbsent("errors", Map.of());
        model.putIfAbsent("kept", Map.of());
        model.put("revision", revision);
        model.put("language", language);
        model.put("item", source);
        model.put("itemTitle", revision.text().title());
        model.put("author", revision.authorId() == null ? "" : views.names().getOrDefault(revision.authorId(), ""));
        model.put("latest", latest);
        model.put("isLatest", isLatest);
        model.put("itemState", isLatest ? state.state() : null);
        model.put("mine", mine);
        model.put("preview", views.preview(revision.itemId(), source.kind(), source.topicId(), revision.text(),
                language));
        Map<Long, List<ReviewRecord>> reviewsOfItem = views.queries.reviewsOf(revision.itemId(), lang);
        List<ReviewRecord> reviews = reviewsOfItem.getOrDefault(id, List.of());
        model.put("reviews", reviews);
        // a revision already decided in a kind is not offered for that kind again (the newest review decides)
        model.put("mayLanguage", policy.review(who, ReviewKind.LANGUAGE, slot, facts).allowed()
                && !Policy.decided(ReviewKind.LANGUAGE, slot, facts));
        model.put("mayMedical", policy.review(who, ReviewKind.MEDICAL, slot, facts).allowed()
                && !Policy.decided(ReviewKind.MEDICAL, slot, facts));
        // asked only about the text readers see now: may it stay until replaced, or must it come down?
        model.put("asksLiveOutcome", Policy.asksLiveOutcome(ReviewKind.MEDICAL, Decision.CHANGES_REQUESTED, slot,
                facts));
        model.put("mayPublish", policy.publish(who, slot, facts).allowed());
        model.put("publishNeedsChange", Policy.asksSourceChange(slot, facts));
        model.put("thread", views.thread(me, revision.itemId(), lang, revision, "/admin/revisions/" + id));

        List<RevisionRef> history = views.queries.history(revision.itemId(), lang);
        RevisionRef live = history.stream().filter(r -> Long.valueOf(r.id()).equals(state.liveRevisionId()))
                .findFirst().orElse(null);
        model.put("live", live);
        if (live != null && live.id() != revision.id()) {
            model.put("diff", ReviewScreen.diff(live, revision));
        }
        model.put("sinceMine", ReviewScreen.sinceMine(me.id(), revision, live, history, reviewsOfItem));
        ReviewKind decidedKind = (ReviewKind) extra.get("decidedKind");
        reviews.stream().filter(r -> r.kind() == decidedKind && r.reviewerId() == me.id())
                .reduce((first, second) -> second)
                .ifPresent(decided -> model.put("nextSteps", ReviewScreen.after(decided, state.state(),
                        ReviewScreen.queues(views, me), revision)));
        if (revision.baseSourceRevisionId() != null) {
            views.queries.revision(revision.baseSourceRevisionId()).ifPresent(base -> {
                model.put("base", base);
                model.put("baseHtml", views.markdown.toHtml(base.text().body()));
                model.put("sourceLang", views.source());
                model.put("translationChecks", views.workflow.checks().check(base.text(), base.languageCode(),
                        revision.text(), lang));
            });
        }
        String html = views.pages.render(request, response, "admin/revision", model);
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html).build();
    }
}
