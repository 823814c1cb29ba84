package org.nightlight.admin;

import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * While PostgreSQL cannot be reached, an admin request is answered "the database is unavailable, nothing was
 * lost" (503), never as if the session had ended: sessions live in the database, so an outage hides them.
 * A form sent meanwhile comes back filled in, with its own token, ready to be sent again; no session is made
 * for the page, so the browser keeps the cookie of the one it has.
 */
@Priority(Priorities.AUTHENTICATION - 100)
final class AdminOutage implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String FORM = "nightlight.submittedForm";
    private static final String RETRY_AFTER_SECONDS = "10";

    /** Text people type, shown again under its label; every other field goes back hidden, passwords never. */
    private static final Map<String, String> TYPED = typed();

    private static Map<String, String> typed() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("title", "admin.field.title");
        labels.put("slug", "admin.field.slug");
        labels.put("body", "admin.field.body");
        labels.put("sources", "admin.field.sources");
        labels.put("note", "admin.field.note");
        labels.put("comment", "admin.review.comment");
        labels.put("reason", "admin.unpublish.reason");
        labels.put("username", "admin.login.username");
        labels.put("displayName", "admin.users.displayName");
        labels.put("credentials", "admin.users.credentials");
        labels.put("nativeName", "admin.languages.nativeName");
        labels.put("englishName", "admin.languages.englishName");
        return java.util.Collections.unmodifiableMap(labels);
    }

    /** The message key of the label of a field people type in, or null for any other field. */
    static String label(String field) {
        return TYPED.get(field);
    }

    /** A field sent again: shown in a text box under its label, or hidden. */
    record Field(String name, String value, String label) {
        public boolean shown() {
            return label != null;
        }
    }

    private final AdminPages pages;
    private final BooleanSupplier databaseReachable;

    @Context
    private HttpServletRequest request;

    @Context
    private HttpServletResponse response;

    AdminOutage(AdminPages pages, BooleanSupplier databaseReachable) {
        this.pages = pages;
        this.databaseReachable = databaseReachable;
    }

    @Override
    public void filter(ContainerRequestContext context) {
        if (!admin(context)) {
            return;
        }
        if (HttpMethod.POST.equals(context.getMethod())) {
            context.setProperty(FORM, AdminGuard.readForm(context));
        }
        boolean sessionHidden = request.getRequestedSessionId() != null && request.getSession(false) == null;
        if (sessionHidden && !databaseReachable.getAsBoolean()) {
            context.abortWith(Response.status(Response.Status.SERVICE_UNAVAILABLE)
                    .header("Retry-After", RETRY_AFTER_SECONDS).build());
        }
    }

    /** Every 503 of the admin, from the check above or from a failure mid-request, becomes the same page. */
    @Override
    public void filter(ContainerRequestContext context, ContainerResponseContext answer) {
        if (!admin(context) || answer.getStatus() != Response.Status.SERVICE_UNAVAILABLE.getStatusCode()) {
            return;
        }
        Form form = context.getProperty(FORM) instanceof Form f ? f : null;
        List<Field> fields = form == null ? List.of() : fields(form);
        String csrf = fields.stream().filter(f -> f.name().equals("_csrf")).map(Field::value).findFirst().orElse("");
        Map<String, Object> model = new java.util.HashMap<>();
        model.put("action", request.getRequestURI());
        model.put("fields", fields.stream().filter(f -> !f.name().equals("_csrf")).toList());
        model.put("resend", form != null);
        answer.setEntity(pages.renderWithoutSession(request, response, "admin/unavailable", model, csrf),
                null, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
        answer.getHeaders().putSingle("Retry-After", RETRY_AFTER_SECONDS);
        answer.getHeaders().putSingle("Cache-Control", "no-store");
    }

    private static List<Field> fields(Form form) {
        List<Field> fields = new ArrayList<>();
        form.asMap().forEach((name, values) -> {
            if (!name.toLowerCase(Locale.ROOT).contains("password")) {
                values.forEach(v -> fields.add(new Field(name, v, TYPED.get(name))));
            }
        });
        return fields;
    }

    private static boolean admin(ContainerRequestContext context) {
        String path = context.getUriInfo().getPath();
        return path.equals("admin") || path.startsWith("admin/");
    }
}
