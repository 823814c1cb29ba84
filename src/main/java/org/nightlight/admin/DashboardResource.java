package org.nightlight.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.HashMap;
import java.util.List;
import org.nightlight.account.Accounts.Person;
import org.nightlight.feedback.ReaderFeedback;
import org.nightlight.workflow.Policy;
import org.nightlight.workflow.WorkItem;
import org.nightlight.workflow.WorkflowQueries;

/** "My work": the signed-in person's queues with counts. */
@Path("/admin")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public final class DashboardResource {

    private final WorkflowQueries queries;
    private final Policy policy;
    private final AdminPages pages;
    private final Clock clock;
    private final ReaderFeedback feedback;

    @Context
    private HttpServletRequest request;

    @Context
    private HttpServletResponse response;

    DashboardResource(WorkflowQueries queries, Policy policy, ReaderFeedback feedback, AdminPages pages, Clock clock) {
        this.queries = queries;
        this.policy = policy;
        this.feedback = feedback;
        this.pages = pages;
        this.clock = clock;
    }

    static final int RECENT_FEEDBACK = 5;

    @GET
    public Response dashboard(@QueryParam("lang") String lang, @QueryParam("q") String search) {
        if (!request.getRequestURI().endsWith("/")) {
            return Response.seeOther(URI.create("/admin/")).build();
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        Person me = AdminUser.person(request);
        List<WorkItem> overview = queries.overview();
        Queues queues = Queues.of(policy, me, overview, today).filtered(lang, search);
        // the people who look after the content also see what readers said lately
        boolean seesFeedback = me.isEditor() || me.isClinician() || me.isAdmin();
        Map<Long, String> titles = new HashMap<>();
        overview.stream().filter(WorkItem::sourceLanguage).forEach(w -> titles.put(w.itemId(), w.title()));
        return Response.ok(pages.render(request, response, "admin/dashboard", Map.of("queues", queues,
                "today", today, "feedback", seesFeedback ? feedback.recent(RECENT_FEEDBACK) : List.of(),
                "titles", titles, "filter", QueueFilter.of(overview, lang, search)))).build();
    }
}
