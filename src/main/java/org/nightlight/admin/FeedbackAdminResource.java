package org.nightlight.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;
import org.nightlight.account.Accounts.Person;
import org.nightlight.feedback.ReaderFeedback;
import org.nightlight.workflow.WorkItem;
import org.nightlight.workflow.WorkflowQueries;

/** What readers said, per question and language, for the people who look after the content. */
@Path("/admin/feedback")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public final class FeedbackAdminResource {

    static final int RECENT = 100;

    private final ReaderFeedback feedback;
    private final WorkflowQueries queries;
    private final AdminPages pages;

    @Context
    private HttpServletRequest request;

    @Context
    private HttpServletResponse response;

    FeedbackAdminResource(ReaderFeedback feedback, WorkflowQueries queries, AdminPages pages) {
        this.feedback = feedback;
        this.queries = queries;
        this.pages = pages;
    }

    @GET
    public Response list() {
        Person me = AdminUser.person(request);
        if (!me.isEditor() && !me.isAdmin() && !me.isClinician()) {
            throw new SecurityException("reader feedback is for editors, clinicians and admins");
        }
        Map<Long, String> titles = new HashMap<>();
        for (WorkItem w : queries.overview()) {
            if (w.sourceLanguage()) {
                titles.put(w.itemId(), w.title());
            }
        }
        return Response.ok(pages.render(request, response, "admin/feedback", Map.of(
                "summary", feedback.summary(), "recent", feedback.recent(RECENT), "titles", titles))).build();
    }
}
