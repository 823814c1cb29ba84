package org.nightlight.admin;

import dev.samstevens.totp.exceptions.QrGenerationException;
import dev.samstevens.totp.qr.ZxingPngQrGenerator;
import dev.samstevens.totp.util.Utils;
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
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nightlight.account.Accounts;
import org.nightlight.account.Accounts.Person;
import org.nightlight.account.Actor;
import org.nightlight.account.LoginThrottle;
import org.nightlight.account.SecondFactorMode;
import org.nightlight.account.SecondFactors;

/**
 * The second factor: the code asked after the password, enrolment (QR code and secret, confirmed with a code,
 * then the recovery codes shown once), one's own settings (turn off or set up again, with a current code), and an
 * admin's reset of another person's. Codes are throttled like passwords, apart from them.
 */
@Path("/admin")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public final class SecondFactorResource {

    static final String CODE_PATH = "admin/login/code";
    static final String ENROL_PATH = "admin/second-factor/enrol";

    private final Accounts accounts;
    private final SecondFactors secondFactors;
    private final SecondFactorMode mode;
    private final LoginThrottle throttle;
    private final AdminPages pages;
    private final Clock clock;
    private final SignInRecovery recovery;

    @Context
    private HttpServletRequest request;

    @Context
    private HttpServletResponse response;

    SecondFactorResource(Accounts accounts, SecondFactors secondFactors, SecondFactorMode mode, AdminPages pages,
            Clock clock, SignInRecovery recovery) {
        this.recovery = recovery;
        this.accounts = accounts;
        this.secondFactors = secondFactors;
        this.mode = mode;
        this.throttle = LoginThrottle.forCodes(clock);
        this.pages = pages;
        this.clock = clock;
    }

    @GET
    @Path("login/code")
    public Response codeForm() {
        Person person = AdminUser.stepPerson(request);
        if (person == null) {
            return redirect("/admin/");
        }
        if (!secondFactors.enrolled(person.id())) {
            return redirect("/" + ENROL_PATH);
        }
        return Response.ok(codePage(null)).build();
    }

    @POST
    @Path("login/code")
    public Response code(@FormParam("code") String code) {
        Person person = AdminUser.stepPerson(request);
        if (person == null) {
            return redirect("/admin/");
        }
        Optional<Response> throttled = throttled(person, this::codePage);
        if (throttled.isPresent()) {
            return throttled.get();
        }
        SecondFactors.Outcome outcome = secondFactors.verify(actor(person), code);
        if (outcome == SecondFactors.Outcome.REFUSED) {
            throttle.failed(person.username(), request.getRemoteAddr());
            return Response.status(401).entity(codePage(pages.message(request, "admin.secondFactor.wrongCode")))
                    .build();
        }
        throttle.succeeded(person.username(), request.getRemoteAddr());
        String next = AdminUser.pendingNext(request);
        SignInRecovery.Kept kept = SignInRecovery.held(request);
        completeSignIn(person);
        if (kept != null) {
            return recovery.resume(request, response, person, kept);
        }
        return redirect(outcome == SecondFactors.Outcome.RECOVERY_CODE ? "/admin/second-factor?recoveryUsed" : next);
    }

    @GET
    @Path("second-factor/enrol")
    public Response enrolForm() {
        Person person = enrolling();
        if (secondFactors.enrolled(person.id())) {
            return redirect(AdminUser.person(request) != null ? "/admin/second-factor" : "/" + CODE_PATH);
        }
        return Response.ok(enrolPage(person, null)).build();
    }

    @POST
    @Path("second-factor/enrol")
    public Response enrol(@FormParam("code") String code) {
        Person person = enrolling();
        Optional<Response> throttled = throttled(person, error -> enrolPage(person, error));
        if (throttled.isPresent()) {
            return throttled.get();
        }
        Optional<List<String>> recoveryCodes = secondFactors.confirmEnrolment(actor(person), code);
        if (recoveryCodes.isEmpty()) {
            throttle.failed(person.username(), request.getRemoteAddr());
            return Response.status(400).entity(enrolPage(person, pages.message(request,
                    "admin.secondFactor.wrongCode"))).build();
        }
        throttle.succeeded(person.username(), request.getRemoteAddr());
        String next = AdminUser.person(request) != null ? "/admin/second-factor" : AdminUser.pendingNext(request);
        completeSignIn(person);
        // shown this once; only their hashes are kept
        return Response.ok(pages.render(request, response, "admin/second-factor-codes",
                Map.of("codes", recoveryCodes.get(), "next", next))).build();
    }

    @GET
    @Path("second-factor")
    public Response settings(@QueryParam("recoveryUsed") String recoveryUsed) {
        return Response.ok(settingsPage(recoveryUsed != null, null)).build();
    }

    /** Turns one's own second factor off ({@code then=enrol}: and sets up a new one), after a current code. */
    @POST
    @Path("second-factor/off")
    public Response turnOff(@FormParam("code") String code, @FormParam("then") String then) {
        Person me = AdminUser.person(request);
        Optional<Response> throttled = throttled(me, error -> settingsPage(false, error));
        if (throttled.isPresent()) {
            return throttled.get();
        }
        if (!secondFactors.turnOff(AdminUser.actor(request), code)) {
            throttle.failed(me.username(), request.getRemoteAddr());
            return Response.status(400).entity(settingsPage(false, pages.message(request,
                    "admin.secondFactor.wrongCode"))).build();
        }
        throttle.succeeded(me.username(), request.getRemoteAddr());
        AdminUser.forgetSecondFactor(request);
        return redirect("enrol".equals(then) || mode.requires(me) ? "/" + ENROL_PATH : "/admin/second-factor?off");
    }

    /** An admin removes another person's second factor: audited, and every session of that person ends. */
    @POST
    @Path("second-factor/reset/{id: [0-9]{1,18}}")
    @RolesAllowed("ADMIN")
    public Response reset(@PathParam("id") long id) {
        secondFactors.reset(AdminUser.actor(request), id);
        return redirect("/admin/users/" + id + "?done=secondFactorReset");
    }

    /** Who sets up an authenticator here: the person in the second step, or a signed-in person. */
    private Person enrolling() {
        Person step = AdminUser.stepPerson(request);
        return step != null ? step : AdminUser.person(request);
    }

    /** The second factor is done: a new session id, signed in, and the sign-in recorded. */
    private void completeSignIn(Person person) {
        if (AdminUser.person(request) == null) {
            accounts.recordLogin(person.username(), request.getRemoteAddr(), true);
        }
        AdminUser.signIn(request, person, clock.instant(), true);
    }

    private Optional<Response> throttled(Person person, java.util.function.Function<String, String> page) {
        Duration wait = throttle.waitBefore(person.username(), request.getRemoteAddr());
        if (wait.isZero()) {
            return Optional.empty();
        }
        long seconds = Math.max(1, wait.toSeconds());
        return Optional.of(Response.status(429).header("Retry-After", seconds)
                .entity(page.apply(pages.message(request, "admin.login.throttled", seconds))).build());
    }

    private String codePage(String error) {
        Map<String, Object> model = new HashMap<>();
        model.put("error", error);
        return pages.render(request, response, "admin/second-factor-code", model);
    }

    private String enrolPage(Person person, String error) {
        SecondFactors.Enrolment enrolment = secondFactors.beginEnrolment(person);
        Map<String, Object> model = new HashMap<>();
        model.put("error", error);
        model.put("qr", qrImage(enrolment));
        // in groups of four, as authenticator apps show it; they ignore the spaces
        model.put("secret", enrolment.secret().replaceAll("(.{4})(?=.)", "$1 "));
        model.put("required", mode.requires(person));
        return pages.render(request, response, "admin/second-factor-enrol", model);
    }

    private String settingsPage(boolean recoveryUsed, String error) {
        Person me = AdminUser.person(request);
        Map<String, Object> model = new HashMap<>();
        model.put("enrolled", secondFactors.enrolled(me.id()));
        model.put("left", secondFactors.recoveryCodesLeft(me.id()));
        model.put("required", mode.requires(me));
        model.put("recoveryUsed", recoveryUsed);
        model.put("off", request.getParameter("off") != null);
        model.put("error", error);
        return pages.render(request, response, "admin/second-factor", model);
    }

    /** The QR code drawn here, as a data: PNG: the secret never leaves for a QR service. */
    private static String qrImage(SecondFactors.Enrolment enrolment) {
        try {
            ZxingPngQrGenerator generator = new ZxingPngQrGenerator();
            generator.setImageSize(240);
            return Utils.getDataUriForImage(generator.generate(enrolment.qr()), generator.getImageMimeType());
        } catch (QrGenerationException e) {
            throw new IllegalStateException("cannot draw the enrolment QR code", e);
        }
    }

    private Actor actor(Person person) {
        return new Actor(person.id(), request.getRemoteAddr());
    }

    private static Response redirect(String to) {
        return Response.seeOther(URI.create(to)).build();
    }
}
