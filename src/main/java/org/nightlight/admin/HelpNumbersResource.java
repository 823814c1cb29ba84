package org.nightlight.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.nightlight.content.HelpNumberException;
import org.nightlight.content.HelpNumbers;
import org.nightlight.content.Languages;

/**
 * Telephone numbers per country (admin → Help numbers): editors and admins propose and withdraw, clinicians
 * sign off; translators have no part in them. A refused proposal comes back in the form with the problem named.
 */
@Path("/admin/help-numbers")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
@RolesAllowed({"EDITOR", "ADMIN", "CLINICIAN"})
public final class HelpNumbersResource {

    private static final Set<String> DONE = Set.of("proposed", "signed", "withdrawn");

    /** What was typed, shown again when refused. */
    public record Typed(String country, String level, String number, String service, List<String> languages) {
    }

    private final HelpNumbers numbers;
    private final Languages languages;
    private final AdminPages pages;

    @Context
    private HttpServletRequest request;

    @Context
    private HttpServletResponse response;

    HelpNumbersResource(HelpNumbers numbers, Languages languages, AdminPages pages) {
        this.numbers = numbers;
        this.languages = languages;
        this.pages = pages;
    }

    @GET
    public Response list(@QueryParam("done") String done) {
        return page(new Typed("", "EMERGENCY", "", "", List.of()), Map.of(),
                done != null && DONE.contains(done) ? done : "", 200);
    }

    @POST
    @RolesAllowed({"EDITOR", "ADMIN"})
    public Response propose(MultivaluedMap<String, String> form) {
        List<String> chosen = form.getOrDefault("languages", List.of());
        Typed typed = new Typed(value(form, "country"), value(form, "level"), value(form, "number"),
                value(form, "service"), chosen);
        try {
            numbers.propose(AdminUser.actor(request), typed.country(), typed.level(), typed.number(), typed.service(),
                    chosen.stream().filter(code -> languages.byCode(code).isPresent()).toList());
            return Response.seeOther(URI.create("/admin/help-numbers?done=proposed")).build();
        } catch (HelpNumberException e) {
            return page(typed, e.problems(), "", 400);
        }
    }

    @POST
    @Path("{id: \\d+}/sign")
    @RolesAllowed("CLINICIAN")
    public Response sign(@PathParam("id") long id) {
        return change(() -> numbers.sign(AdminUser.actor(request), id), "signed");
    }

    @POST
    @Path("{id: \\d+}/withdraw")
    @RolesAllowed({"EDITOR", "ADMIN"})
    public Response withdraw(@PathParam("id") long id) {
        return change(() -> numbers.withdraw(AdminUser.actor(request), id), "withdrawn");
    }

    private Response change(Runnable action, String done) {
        try {
            action.run();
            return Response.seeOther(URI.create("/admin/help-numbers?done=" + done)).build();
        } catch (HelpNumberException e) {
            return page(new Typed("", "EMERGENCY", "", "", List.of()), e.problems(), "", 409);
        }
    }

    private static String value(MultivaluedMap<String, String> form, String name) {
        String value = form.getFirst(name);
        return value == null ? "" : value;
    }

    private Response page(Typed form, Map<String, String> errors, String done, int status) {
        Locale ui = pages.locale(request);
        Map<String, Object> model = new HashMap<>();
        model.put("numbers", numbers.all());
        model.put("countryNames", countryNames(ui));
        model.put("languages", languages.all());
        model.put("form", form);
        model.put("errors", errors);
        model.put("done", done);
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(pages.render(request, response, "admin/help-numbers", model)).build();
    }

    /** Every ISO country by its name in the admin's language, for the form's list and the table. */
    private static Map<String, String> countryNames(Locale ui) {
        Map<String, String> names = new java.util.TreeMap<>();
        for (String code : Locale.getISOCountries()) {
            names.put(code, new Locale("", code).getDisplayCountry(ui));
        }
        return names;
    }
}
