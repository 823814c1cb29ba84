package org.nightlight.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.nightlight.workflow.WorkflowQueries;

/** "My work": the signed-in person's queues with counts. */
@Path("/admin")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public final class DashboardResource {

    private final WorkflowQueries queries;
    private final AdminPages pages;
    private final Clock clock;

    @Context
    private HttpServletRequest request;

    @Context
    private HttpServletResponse response;

    DashboardResource(WorkflowQueries queries, AdminPages pages, Clock clock) {
        this.queries = queries;
        this.pages = pages;
        this.clock = clock;
    }

    @GET
    public Response dashboard() {
        if (!request.getRequestURI().endsWith("/")) {
            return Response.seeOther(URI.create("/admin/")).build();
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        Queues queues = Queues.of(AdminUser.person(request), queries.overview(), today);
        return Response.ok(pages.render(request, response, "admin/dashboard",
                Map.of("queues", queues, "today", today))).build();
    }
}
