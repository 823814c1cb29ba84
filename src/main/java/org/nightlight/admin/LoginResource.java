package org.nightlight.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.nightlight.account.Accounts;
import org.nightlight.account.Accounts.Person;
import org.nightlight.account.LoginThrottle;
import org.nightlight.account.PasswordPolicy;
import org.nightlight.account.SecondFactorMode;
import org.nightlight.account.SecondFactors;
import org.nightlight.web.Messages;

/**
 * Sign in, sign out, change password, choose the admin language. Showing the sign-in form and a refused sign-in
 * store no session; the password's success starts one (under a new id), fully signed in or, when a second factor
 * is due, only for that step (SecondFactorResource).
 */
@Path("/admin")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public final class LoginResource {

    private final Accounts accounts;
    private final SecondFactors secondFactors;
    private final SecondFactorMode mode;
    private final LoginThrottle throttle;
    private final PasswordPolicy policy;
    private final AdminPages pages;
    private final Clock clock;
    private final SignInRecovery recovery;

    @Context
    private HttpServletRequest request;

    @Context
    private HttpServletResponse response;

    LoginResource(Accounts accounts, SecondFactors secondFactors, SecondFactorMode mode, LoginThrottle throttle,
            PasswordPolicy policy, AdminPages pages, Clock clock, SignInRecovery recovery) {
        this.recovery = recovery;
        this.accounts = accounts;
        this.secondFactors = secondFactors;
        this.mode = mode;
        this.throttle = throttle;
        this.policy = policy;
        this.pages = pages;
        this.clock = clock;
    }

    @GET
    @Path("login")
    public Response loginForm(@QueryParam("next") String next) {
        return Response.ok(loginPage("", safeNext(next), null)).build();
    }

    @POST
    @Path("login")
    public Response login(MultivaluedMap<String, String> form) {
        String username = form.getFirst("username");
        String password = form.getFirst("password");
        String next = form.getFirst("next");
        // a form sent after the session ended, carried through this sign-in (SignInRecovery)
        SignInRecovery.Kept kept = SignInRecovery.kept(form);
        String name = username == null ? "" : username.strip().toLowerCase(java.util.Locale.ROOT);
        String client = request.getRemoteAddr();
        Duration wait = throttle.waitBefore(name, client);
        if (!wait.isZero()) {
            String message = pages.message(request, "admin.login.throttled", Math.max(1, wait.toSeconds()));
            return Response.status(429).entity(kept != null ? recovery.signInAgain(request, response, kept, message)
                    : loginPage(name, safeNext(next), message))
                    .header("Retry-After", Math.max(1, wait.toSeconds())).build();
        }
        Optional<Person> person = accounts.authenticate(name, password == null ? "" : password);
        if (person.isEmpty()) {
            throttle.failed(name, client);
            accounts.recordLogin(name, client, false);
            String message = pages.message(request, "admin.login.failed");
            return Response.status(401).entity(kept != null ? recovery.signInAgain(request, response, kept, message)
                    : loginPage(name, safeNext(next), message)).build();
        }
        throttle.succeeded(name, client);
        if (mode.requires(person.get()) || secondFactors.enrolled(person.get().id())) {
            AdminUser.startSecondStep(request, person.get(), clock.instant(), safeNext(next));
            SignInRecovery.hold(request, kept);
            return Response.seeOther(URI.create("/" + SecondFactorResource.CODE_PATH)).build();
        }
        accounts.recordLogin(name, client, true);
        AdminUser.signIn(request, person.get(), clock.instant());
        if (kept != null) {
            return recovery.resume(request, response, person.get(), kept);
        }
        return Response.seeOther(URI.create(safeNext(next))).build();
    }

    @POST
    @Path("logout")
    public Response logout() {
        AdminUser.signOut(request);
        return Response.seeOther(URI.create("/admin/login?signedOut")).build();
    }

    @GET
    @Path("password")
    public Response passwordForm() {
        return Response.ok(pages.render(request, response, "admin/password", Map.of("errors", Map.of()))).build();
    }

    @POST
    @Path("password")
    public Response changePassword(@FormParam("current") String current, @FormParam("password") String password,
            @FormParam("confirm") String confirm) {
        Person me = AdminUser.person(request);
        Map<String, String> errors = new HashMap<>();
        policy.problem(password, me.username()).ifPresent(key -> errors.put("password", key));
        if (errors.isEmpty() && !password.equals(confirm)) {
            errors.put("confirm", "account.password.mismatch");
        }
        if (errors.isEmpty() && !accounts.changePassword(AdminUser.actor(request), current, password)) {
            errors.put("current", "account.password.wrongCurrent");
        }
        if (!errors.isEmpty()) {
            return Response.status(400).entity(pages.render(request, response, "admin/password",
                    Map.of("errors", errors))).build();
        }
        // every other session of this person has ended; this one goes on under a new id
        AdminUser.signIn(request, accounts.byId(me.id()).orElseThrow(), clock.instant(),
                AdminUser.secondFactorDone(request));
        return Response.seeOther(URI.create("/admin/?saved=password")).build();
    }

    /** The admin interface's own language, kept for the session. */
    @POST
    @Path("ui-language")
    public Response uiLanguage(@FormParam("lang") String lang, @FormParam("next") String next) {
        if (lang != null && Messages.UI_LANGUAGES.contains(lang)) {
            request.getSession(true).setAttribute(AdminPages.UI_LANGUAGE, lang);
        }
        return Response.seeOther(URI.create(safeNext(next))).build();
    }

    private String loginPage(String username, String next, String error) {
        Map<String, Object> model = new HashMap<>();
        model.put("username", username);
        model.put("next", next);
        model.put("error", error);
        model.put("signedOut", request.getParameter("signedOut") != null);
        return pages.render(request, response, "admin/login", model);
    }

    /** Only a local admin address: never an open redirect. */
    static String safeNext(String next) {
        if (next != null && next.startsWith("/admin") && !next.startsWith("//") && !next.contains("\\")
                && next.chars().noneMatch(c -> c < 0x20)) {
            return next;
        }
        return "/admin/";
    }
}
