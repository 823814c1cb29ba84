package org.nightlight.admin;

import jakarta.annotation.security.RolesAllowed;
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
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.nightlight.notify.Delivery;
import org.nightlight.notify.Notify;
import org.nightlight.notify.Preferences;
import org.nightlight.web.Messages;

/**
 * The signed-in person's inbox (mark one or all read, each linking to where to act), their own notification
 * settings, and for admins the outbox: the mail the site sent or, without an SMTP host, would have sent.
 */
@Path("/admin")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public final class NotificationsResource {

    static final int OUTBOX = 100;
    private static final Set<String> DONE = Set.of("saved", "allRead");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** What was typed into the settings form, shown again when refused. */
    public record Typed(String email, String language, String delivery) {
    }

    private final Notify notify;
    private final AdminPages pages;

    @Context
    private HttpServletRequest request;

    @Context
    private HttpServletResponse response;

    NotificationsResource(Notify notify, AdminPages pages) {
        this.notify = notify;
        this.pages = pages;
    }

    @GET
    @Path("inbox")
    public String inbox(@QueryParam("done") String done) {
        long me = AdminUser.person(request).id();
        return pages.render(request, response, "admin/inbox", Map.of("notifications", notify.inbox().newest(me),
                "time", TIME, "done", done != null && DONE.contains(done) ? done : ""));
    }

    /** Marks it read and goes where it points, so following a notification is one click. */
    @POST
    @Path("inbox/{id: \\d+}/open")
    public Response open(@PathParam("id") long id) {
        return Response.seeOther(URI.create(notify.inbox().open(AdminUser.person(request).id(), id)
                .orElse("/admin/inbox"))).build();
    }

    @POST
    @Path("inbox/{id: \\d+}/read")
    public Response read(@PathParam("id") long id) {
        notify.inbox().markRead(AdminUser.person(request).id(), id);
        return Response.seeOther(URI.create("/admin/inbox")).build();
    }

    @POST
    @Path("inbox/read-all")
    public Response readAll() {
        notify.inbox().markAllRead(AdminUser.person(request).id());
        return Response.seeOther(URI.create("/admin/inbox?done=allRead")).build();
    }

    @GET
    @Path("notifications")
    public String settings(@QueryParam("done") String done) {
        Preferences.Choice choice = notify.preferences().of(AdminUser.person(request).id());
        return settingsPage(new Typed(choice.email() == null ? "" : choice.email(), choice.language(),
                choice.delivery().name()), Map.of(), done != null && DONE.contains(done) ? done : "");
    }

    @POST
    @Path("notifications")
    public Response save(@FormParam("email") String email, @FormParam("language") String language,
            @FormParam("delivery") String delivery) {
        Typed typed = new Typed(email == null ? "" : email, language == null ? "" : language,
                delivery == null ? "" : delivery);
        try {
            notify.preferences().save(AdminUser.actor(request), typed.email(), typed.language(), typed.delivery());
            return Response.seeOther(URI.create("/admin/notifications?done=saved")).build();
        } catch (Preferences.Invalid e) {
            return Response.status(400).entity(settingsPage(typed, Map.of(e.field(), e.messageKey()), "")).build();
        }
    }

    @GET
    @Path("outbox")
    @RolesAllowed("ADMIN")
    public String outbox() {
        return pages.render(request, response, "admin/outbox", Map.of("mails", notify.mail().newest(OUTBOX),
                "smtp", notify.mail().smtp(), "time", TIME));
    }

    private String settingsPage(Typed form, Map<String, String> errors, String done) {
        Map<String, Object> model = new HashMap<>();
        model.put("form", form);
        model.put("errors", errors);
        model.put("done", done);
        model.put("languages", Messages.UI_LANGUAGES);
        model.put("deliveries", Delivery.values());
        return pages.render(request, response, "admin/notifications", model);
    }
}
