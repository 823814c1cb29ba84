package org.nightlight.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import org.nightlight.account.Accounts;
import org.nightlight.account.Accounts.NewUser;
import org.nightlight.account.PasswordPolicy;
import org.nightlight.account.Role;

/**
 * First start without users: a one-time token printed in the log lets the first admin create an account.
 * There is no default password anywhere; once an account exists the page is gone.
 */
@Path("/admin/setup")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public final class SetupResource {

    private final Accounts accounts;
    private final PasswordPolicy policy;
    private final AdminPages pages;
    private final Clock clock;
    private volatile String token;

    @Context
    private HttpServletRequest request;

    @Context
    private HttpServletResponse response;

    SetupResource(Accounts accounts, PasswordPolicy policy, AdminPages pages, Clock clock) {
        this.accounts = accounts;
        this.policy = policy;
        this.pages = pages;
        this.clock = clock;
    }

    /** A new one-time token when nobody can sign in yet, else empty. */
    public java.util.Optional<String> issueTokenIfNoUsers() {
        if (accounts.count() > 0) {
            token = null;
            return java.util.Optional.empty();
        }
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        token = HexFormat.of().formatHex(bytes);
        return java.util.Optional.of(token);
    }

    @GET
    public Response form(@QueryParam("token") String given) {
        requireValid(given);
        return Response.ok(page(given, "", "", Map.of())).build();
    }

    @POST
    public Response create(@FormParam("token") String given, @FormParam("username") String username,
            @FormParam("displayName") String displayName, @FormParam("password") String password,
            @FormParam("confirm") String confirm) {
        requireValid(given);
        String name = username == null ? "" : username.strip().toLowerCase(java.util.Locale.ROOT);
        String display = displayName == null ? "" : displayName.strip();
        Map<String, String> errors = new HashMap<>();
        if (!name.matches("[a-z0-9][a-z0-9._-]{1,39}")) {
            errors.put("username", "admin.users.usernameInvalid");
        }
        if (display.isEmpty() || display.length() > 120) {
            errors.put("displayName", "admin.users.displayNameRequired");
        }
        policy.problem(password, name).ifPresent(key -> errors.put("password", key));
        if (!errors.containsKey("password") && (password == null || !password.equals(confirm))) {
            errors.put("confirm", "account.password.mismatch");
        }
        if (!errors.isEmpty()) {
            return Response.status(400).entity(page(given, name, display, errors)).build();
        }
        synchronized (this) {
            requireValid(given);
            long id = accounts.createSystemUser(new NewUser(name, display, "", password, Set.of(Role.ADMIN),
                    Set.of(), false));
            token = null;
            AdminUser.signIn(request, accounts.byId(id).orElseThrow(), clock.instant());
        }
        return Response.seeOther(URI.create("/admin/")).build();
    }

    private void requireValid(String given) {
        String expected = token;
        if (expected == null || given == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8)) || accounts.count() > 0) {
            throw new NotFoundException();
        }
    }

    private String page(String given, String username, String displayName, Map<String, String> errors) {
        return pages.render(request, response, "admin/setup", Map.of("token", given, "username", username,
                "displayName", displayName, "errors", errors));
    }
}
