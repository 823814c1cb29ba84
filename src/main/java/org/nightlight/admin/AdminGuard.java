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
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.glassfish.jersey.server.ContainerRequest;
import org.nightlight.account.Accounts;
import org.nightlight.account.Accounts.Person;
import org.nightlight.account.SecondFactorMode;

/**
 * Every admin request: signed in (idle timeout by the session store, absolute timeout here), still an active
 * account, and every POST carrying its form token (the session's, or without a session the signed one of the
 * sign-in form). A refused token shows the submitted text again in a fresh form, so nothing typed is lost.
 * A person who has given the password but still owes the second factor (a code, or an enrolment where one is
 * required) reaches only the pages of that step; every other admin page and action sends them back to it.
 */
@Priority(Priorities.AUTHENTICATION)
final class AdminGuard implements ContainerRequestFilter, ContainerResponseFilter {

    private static final Set<String> OPEN = Set.of("admin/login", "admin/setup");
    /** All the second step may reach: its own pages, signing out, and the interface language. */
    static final Set<String> SECOND_STEP = Set.of(SecondFactorResource.CODE_PATH, SecondFactorResource.ENROL_PATH,
            "admin/logout", "admin/ui-language");

    private final Accounts accounts;
    private final SecondFactorMode mode;
    private final AdminPages pages;
    private final Clock clock;

    @Context
    private HttpServletRequest request;

    @Context
    private HttpServletResponse response;

    AdminGuard(Accounts accounts, SecondFactorMode mode, AdminPages pages, Clock clock) {
        this.accounts = accounts;
        this.mode = mode;
        this.pages = pages;
        this.clock = clock;
    }

    @Override
    public void filter(ContainerRequestContext context) {
        String path = context.getUriInfo().getPath();
        if (!path.equals("admin") && !path.startsWith("admin/")) {
            return;
        }
        if (HttpMethod.POST.equals(context.getMethod())) {
            Form form = readForm(context);
            if (!pages.tokenMatches(request, form.asMap().getFirst("_csrf"))) {
                context.abortWith(refusedToken(path, form));
                return;
            }
        }
        if (OPEN.contains(path)) {
            return;
        }
        Instant now = clock.instant();
        Optional<Person> person = current(AdminUser.userId(request, now));
        if (person.isPresent() && !(mode.requires(person.get()) && !AdminUser.secondFactorDone(request))) {
            request.setAttribute(AdminUser.REQUEST_PERSON, person.get());
            return;
        }
        // signed in but owing the second factor (required since, or just turned off), or half signed in
        Optional<Person> step = person.isPresent() ? person : current(AdminUser.pendingUserId(request, now));
        if (step.isEmpty()) {
            AdminUser.signOut(request);
            String next = HttpMethod.GET.equals(context.getMethod()) ? "?next="
                    + URLEncoder.encode("/" + path, StandardCharsets.UTF_8) : "";
            context.abortWith(Response.seeOther(URI.create("/admin/login" + next)).build());
            return;
        }
        if (!SECOND_STEP.contains(path)) {
            context.abortWith(Response.seeOther(URI.create("/" + SecondFactorResource.CODE_PATH)).build());
            return;
        }
        request.setAttribute(AdminUser.REQUEST_STEP_PERSON, step.get());
    }

    private Optional<Person> current(Optional<Long> id) {
        return id.flatMap(accounts::byId).filter(Person::active)
                .filter(p -> AdminUser.signedInSince(request, p.sessionsValidAfter()));
    }

    @Override
    public void filter(ContainerRequestContext req, ContainerResponseContext res) {
        String path = req.getUriInfo().getPath();
        if (path.equals("admin") || path.startsWith("admin/")) {
            res.getHeaders().putSingle("Cache-Control", "no-store");
        }
    }

    /**
     * The request's form fields (buffered, so the resource reads them again); of a file upload only its text
     * fields; none for other bodies.
     */
    static Form readForm(ContainerRequestContext context) {
        MediaType type = context.getMediaType();
        ContainerRequest jersey = (ContainerRequest) context;
        if (type != null && MediaType.MULTIPART_FORM_DATA_TYPE.isCompatible(type)) {
            jersey.bufferEntity();
            Form form = new Form();
            jersey.readEntity(org.glassfish.jersey.media.multipart.FormDataMultiPart.class).getFields().values()
                    .stream().flatMap(java.util.List::stream).filter(part -> part.isSimple())
                    .forEach(part -> form.param(part.getName(), part.getValue()));
            return form;
        }
        if (type == null || !MediaType.APPLICATION_FORM_URLENCODED_TYPE.isCompatible(type)) {
            return new Form();
        }
        jersey.bufferEntity();
        return jersey.readEntity(Form.class);
    }

    /**
     * The refused form again, its text under its labels. When the session has ended it comes as a sign-in form
     * that carries the text, and SignInRecovery brings the person back to it once signed in.
     */
    private Response refusedToken(String path, Form form) {
        var fields = SignInRecovery.fields(SignInRecovery.keepable(form.asMap()));
        boolean signIn = !OPEN.contains(path) && !SECOND_STEP.contains(path)
                && current(AdminUser.userId(request, clock.instant())).isEmpty();
        String html = pages.render(request, response, "admin/csrf", Map.of("action", "/" + path, "fields", fields,
                "signIn", signIn, "kept", SignInRecovery.KEPT));
        return Response.status(Response.Status.FORBIDDEN).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(html).build();
    }
}
