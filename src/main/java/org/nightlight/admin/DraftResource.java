package org.nightlight.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.nightlight.workflow.Drafts;
import org.nightlight.workflow.Verdict;
import org.nightlight.workflow.WorkflowException;

/**
 * The editor's draft of one item in one language: saved by the page's script every few seconds and before the
 * interface language changes (204, nothing to show), discarded on request; and withdrawing one's own submission.
 */
@Path("/admin/items")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public final class DraftResource {

    private final ContentViews views;
    private final Drafts drafts;

    @Context
    private HttpServletRequest request;

    @Context
    private HttpServletResponse response;

    DraftResource(ContentViews views) {
        this.views = views;
        this.drafts = views.workflow.drafts();
    }

    @POST
    @Path("{id: \\d+}/{lang}/draft")
    public Response autosave(@PathParam("id") long id, @PathParam("lang") String lang,
            MultivaluedMap<String, String> form) {
        Response refusal = refusal(id, lang);
        if (refusal != null) {
            return refusal;
        }
        TextForm typed = TextForm.from(form);
        Drafts.Draft draft = typed.draft();
        if (!draft.fits()) {
            return Response.status(413).build();
        }
        // The page's timer can post while the form's own save is on its way; landing after it, its text is the
        // newest revision's, and kept as a draft it would reopen the editor on the older revision (a conflict).
        var latest = views.latest(id, lang);
        if (latest != null && latest.number() > typed.basedOn() && latest.text().equals(typed.text())) {
            return Response.noContent().build();
        }
        drafts.save(AdminUser.person(request).id(), id, lang, draft);
        return Response.noContent().build();
    }

    @POST
    @Path("{id: \\d+}/{lang}/draft/discard")
    public Response discard(@PathParam("id") long id, @PathParam("lang") String lang) {
        views.language(lang);
        drafts.discard(AdminUser.person(request).id(), id, lang);
        return Response.seeOther(URI.create(ItemResource.path(id, lang) + "?done=draftDiscarded")).build();
    }

    @POST
    @Path("{id: \\d+}/{lang}/withdraw")
    public Response withdraw(@PathParam("id") long id, @PathParam("lang") String lang,
            @FormParam("revision") long revisionId) {
        try {
            views.workflow.withdrawSubmission(AdminUser.actor(request), revisionId);
        } catch (WorkflowException e) {
            return Response.seeOther(URI.create(ItemResource.path(id, lang) + "?refused=" + e.code())).build();
        }
        return Response.seeOther(URI.create(ItemResource.path(id, lang) + "?done=withdrawn")).build();
    }

    /** A draft is kept only where the person may write the next revision: the policy's rule, asked here too. */
    private Response refusal(long id, String lang) {
        views.language(lang);
        if (views.queries.slot(id, lang) == null) {
            throw new jakarta.ws.rs.NotFoundException();
        }
        Verdict verdict = views.edit(AdminUser.person(request), id, lang);
        if (verdict.allowed()) {
            return null;
        }
        return WorkflowErrors.page(request, response, views.pages, WorkflowErrors.status(verdict), verdict.code(),
                ItemResource.path(id, lang));
    }
}
