package org.nightlight.admin;

import jakarta.annotation.Priority;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Arrays;
import java.util.Map;
import org.nightlight.account.Accounts.Person;
import org.nightlight.account.Role;

/**
 * Authorization on the server: a resource method (or its class) marked {@code @RolesAllowed("ADMIN")} runs only
 * for a signed-in person who has one of those roles now (the guard re-reads the person on every request);
 * anyone else gets a 403 page. A service refusing with {@link SecurityException} gets the same page.
 */
@Priority(Priorities.AUTHORIZATION)
final class AdminRoles implements ContainerRequestFilter, ExceptionMapper<SecurityException> {

    private final AdminPages pages;

    @Context
    private ResourceInfo resource;

    @Context
    private HttpServletRequest request;

    @Context
    private HttpServletResponse response;

    AdminRoles(AdminPages pages) {
        this.pages = pages;
    }

    @Override
    public void filter(ContainerRequestContext context) {
        RolesAllowed allowed = resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getAnnotation(RolesAllowed.class);
        if (allowed == null && resource.getResourceClass() != null) {
            allowed = resource.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        if (allowed == null) {
            return;
        }
        Person me = AdminUser.person(request);
        if (me == null || Arrays.stream(allowed.value()).noneMatch(role -> me.has(Role.valueOf(role)))) {
            context.abortWith(forbidden());
        }
    }

    @Override
    public Response toResponse(SecurityException refused) {
        return forbidden();
    }

    private Response forbidden() {
        String html = pages.render(request, response, "admin/forbidden", Map.of());
        return Response.status(Response.Status.FORBIDDEN).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store").entity(html).build();
    }
}
