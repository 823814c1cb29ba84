package org.nightlight.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.nightlight.content.Language;
import org.nightlight.content.LanguageException;
import org.nightlight.content.Languages;

/**
 * Content languages (admins only): list, add, edit names, direction and search configuration, make public or
 * not. The service validates (BCP 47 code, duplicates, known search configuration); refused forms come back
 * with their input and each problem next to its field.
 */
@Path("/admin/languages")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
@RolesAllowed("ADMIN")
public final class LanguagesResource {

    private static final Set<String> DONE = Set.of("added", "updated", "madePublic", "madeNotPublic");
    private static final String CODE = "{code: [A-Za-z0-9-]{1,35}}";

    private final Languages languages;
    private final AdminPages pages;

    @Context
    private HttpServletRequest request;

    @Context
    private HttpServletResponse response;

    LanguagesResource(Languages languages, AdminPages pages) {
        this.languages = languages;
        this.pages = pages;
    }

    @GET
    public String list(@QueryParam("done") String done) {
        return listPage(LanguageForm.empty(), Map.of(), done(done));
    }

    @POST
    public Response add(@FormParam("code") String code, @FormParam("nativeName") String nativeName,
            @FormParam("englishName") String englishName, @FormParam("direction") String direction,
            @FormParam("searchConfig") String searchConfig, @FormParam("public") String isPublic) {
        LanguageForm form = LanguageForm.of(code, nativeName, englishName, direction, searchConfig, isPublic);
        try {
            languages.add(AdminUser.actor(request), form.code(), form.nativeName(), form.englishName(),
                    form.direction(), form.searchConfig(), form.isPublic());
            return Response.seeOther(URI.create("/admin/languages?done=added")).build();
        } catch (LanguageException e) {
            return Response.status(400).entity(listPage(form, e.problems(), "")).build();
        }
    }

    @GET
    @Path(CODE)
    public String editForm(@PathParam("code") String code, @QueryParam("done") String done) {
        Language language = language(code);
        return editPage(language, LanguageForm.of(language), Map.of(), done(done));
    }

    @POST
    @Path(CODE)
    public Response update(@PathParam("code") String code, @FormParam("nativeName") String nativeName,
            @FormParam("englishName") String englishName, @FormParam("direction") String direction,
            @FormParam("searchConfig") String searchConfig) {
        Language language = language(code);
        LanguageForm form = LanguageForm.of(code, nativeName, englishName, direction, searchConfig,
                String.valueOf(language.isPublic()));
        try {
            languages.update(AdminUser.actor(request), code, form.nativeName(), form.englishName(), form.direction(),
                    form.searchConfig());
            return done(code, "updated");
        } catch (LanguageException e) {
            return Response.status(400).entity(editPage(language, form, e.problems(), "")).build();
        }
    }

    @POST
    @Path(CODE + "/public")
    public Response setPublic(@PathParam("code") String code, @FormParam("public") String isPublic) {
        Language language = language(code);
        boolean makePublic = "true".equals(isPublic);
        try {
            languages.setPublic(AdminUser.actor(request), code, makePublic);
            return done(code, makePublic ? "madePublic" : "madeNotPublic");
        } catch (LanguageException e) {
            return Response.status(400).entity(editPage(language, LanguageForm.of(language), e.problems(), ""))
                    .build();
        }
    }

    private Language language(String code) {
        return languages.byCode(code).orElseThrow(NotFoundException::new);
    }

    private static Response done(String code, String what) {
        return Response.seeOther(URI.create("/admin/languages/" + URLEncoder.encode(code, StandardCharsets.UTF_8)
                + "?done=" + what)).build();
    }

    private static String done(String done) {
        return done != null && DONE.contains(done) ? done : "";
    }

    private String listPage(LanguageForm form, Map<String, String> errors, String done) {
        Map<String, Object> model = new HashMap<>();
        model.put("languages", languages.all());
        model.put("searchConfigs", languages.searchConfigs());
        model.put("form", form);
        model.put("errors", errors);
        model.put("done", done);
        return pages.render(request, response, "admin/languages", model);
    }

    private String editPage(Language language, LanguageForm form, Map<String, String> errors, String done) {
        Map<String, Object> model = new HashMap<>();
        model.put("language", language);
        model.put("searchConfigs", languages.searchConfigs());
        model.put("form", form);
        model.put("errors", errors);
        model.put("done", done);
        return pages.render(request, response, "admin/language", model);
    }
}
