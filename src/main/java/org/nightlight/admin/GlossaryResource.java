package org.nightlight.admin;

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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nightlight.content.Language;
import org.nightlight.content.Languages;
import org.nightlight.workbench.Glossary;
import org.nightlight.workbench.Glossary.Draft;
import org.nightlight.workbench.GlossaryException;

/**
 * The glossary of each language pair (source language into a translation language): everyone on the staff may
 * read it; editors and that language's reviewers add, change and remove terms (the service checks again).
 */
@Path("/admin/glossary")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public final class GlossaryResource {

    private static final Set<String> DONE = Set.of("added", "changed", "removed");

    /** What was typed, shown again when refused; {@code id} is the entry being changed, 0 for a new one. */
    public record Typed(long id, String term, String translation, String note, boolean doNotTranslate) {

        static final Typed EMPTY = new Typed(0, "", "", "", false);
    }

    private final Glossary glossary;
    private final Languages languages;
    private final AdminPages pages;

    @Context
    private HttpServletRequest request;

    @Context
    private HttpServletResponse response;

    GlossaryResource(Glossary glossary, Languages languages, AdminPages pages) {
        this.glossary = glossary;
        this.languages = languages;
        this.pages = pages;
    }

    @GET
    public Response list(@QueryParam("target") String target, @QueryParam("done") String done) {
        return page(200, target, Typed.EMPTY, Map.of(), done != null && DONE.contains(done) ? done : "");
    }

    @POST
    public Response add(@FormParam("target") String target, @FormParam("term") String term,
            @FormParam("translation") String translation, @FormParam("note") String note,
            @FormParam("doNotTranslate") String doNotTranslate) {
        Typed typed = new Typed(0, text(term), text(translation), text(note), doNotTranslate != null);
        return act(target, typed, () -> glossary.add(AdminUser.actor(request), source().code(), target,
                draft(typed)), "added");
    }

    @POST
    @Path("{id: \\d+}")
    public Response change(@PathParam("id") long id, @FormParam("target") String target,
            @FormParam("translation") String translation, @FormParam("note") String note,
            @FormParam("doNotTranslate") String doNotTranslate) {
        Typed typed = new Typed(id, "", text(translation), text(note), doNotTranslate != null);
        return act(target, typed, () -> glossary.change(AdminUser.actor(request), id, draft(typed)), "changed");
    }

    @POST
    @Path("{id: \\d+}/remove")
    public Response remove(@PathParam("id") long id, @FormParam("target") String target) {
        return act(target, Typed.EMPTY, () -> glossary.remove(AdminUser.actor(request), id), "removed");
    }

    private Response act(String target, Typed typed, Runnable change, String done) {
        try {
            change.run();
        } catch (GlossaryException e) {
            if (e.notAllowed()) {
                return WorkflowErrors.page(request, response, pages, 403, "admin.glossary.notAllowed",
                        "/admin/glossary");
            }
            return page(400, target, typed, e.problems(), "");
        }
        String to = target == null ? "" : "target=" + URLEncoder.encode(target, StandardCharsets.UTF_8) + "&";
        return Response.seeOther(URI.create("/admin/glossary?" + to + "done=" + done)).build();
    }

    private Response page(int status, String target, Typed typed, Map<String, String> errors, String done) {
        Language source = source();
        List<Language> targets = languages.all().stream().filter(l -> !l.isSource()).toList();
        Language chosen = targets.stream().filter(l -> l.code().equals(target)).findFirst()
                .orElse(targets.isEmpty() ? null : targets.get(0));
        Map<String, Object> model = new HashMap<>();
        model.put("source", source);
        model.put("targets", targets);
        model.put("target", chosen);
        model.put("entries", chosen == null ? List.of() : glossary.terms(source.code(), chosen.code()));
        model.put("mayManage", chosen != null
                && glossary.mayManage(AdminUser.person(request).id(), chosen.code()));
        model.put("form", typed);
        model.put("errors", errors);
        model.put("done", done);
        String html = pages.render(request, response, "admin/glossary", model);
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html).build();
    }

    private Language source() {
        return languages.all().stream().filter(Language::isSource).findFirst().orElseThrow();
    }

    private static Draft draft(Typed typed) {
        return new Draft(typed.term(), typed.translation(), typed.note(), typed.doNotTranslate());
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
