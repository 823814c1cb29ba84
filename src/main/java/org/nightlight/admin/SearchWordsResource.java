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
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.nightlight.content.ItemKind;
import org.nightlight.content.Languages;
import org.nightlight.content.SearchWords;
import org.nightlight.content.SearchWordsException;
import org.nightlight.workflow.WorkflowQueries;

/**
 * The words readers search with and the words of our texts they mean, per language (editors and admins).
 * A refused entry comes back in the form with the problem next to its field.
 */
@Path("/admin/search-words")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
@RolesAllowed({"EDITOR", "ADMIN"})
public final class SearchWordsResource {

    private static final Set<String> DONE = Set.of("added", "removed", "keywordAdded", "keywordRemoved");

    /** What was typed, shown again when refused. */
    public record Typed(String language, String term, String means) {
    }

    private final SearchWords words;
    private final Languages languages;
    private final WorkflowQueries queries;
    private final AdminPages pages;

    @Context
    private HttpServletRequest request;

    @Context
    private HttpServletResponse response;

    SearchWordsResource(SearchWords words, Languages languages, WorkflowQueries queries, AdminPages pages) {
        this.words = words;
        this.languages = languages;
        this.queries = queries;
        this.pages = pages;
    }

    @GET
    public String list(@QueryParam("done") String done) {
        return page(new Typed("", "", ""), Map.of(), done != null && DONE.contains(done) ? done : "");
    }

    @POST
    public Response add(@FormParam("language") String language, @FormParam("term") String term,
            @FormParam("means") String means) {
        Typed typed = new Typed(language == null ? "" : language, term == null ? "" : term, means == null ? "" : means);
        try {
            words.add(AdminUser.actor(request), typed.language(), typed.term(), typed.means());
            return Response.seeOther(URI.create("/admin/search-words?done=added")).build();
        } catch (SearchWordsException e) {
            return Response.status(400).entity(page(typed, e.problems(), "")).build();
        }
    }

    @POST
    @Path("{id: \\d+}/remove")
    public Response remove(@PathParam("id") long id) {
        words.remove(AdminUser.actor(request), id);
        return Response.seeOther(URI.create("/admin/search-words?done=removed")).build();
    }

    @POST
    @Path("keywords")
    public Response addKeyword(@FormParam("item") String item, @FormParam("keywordLanguage") String language,
            @FormParam("keyword") String keyword) {
        TypedKeyword typed = new TypedKeyword(item == null ? "" : item, language == null ? "" : language,
                keyword == null ? "" : keyword);
        try {
            long itemId;
            try {
                itemId = Long.parseLong(typed.item());
            } catch (NumberFormatException e) {
                itemId = 0;
            }
            words.addKeyword(AdminUser.actor(request), itemId, typed.language(), typed.keyword());
            return Response.seeOther(URI.create("/admin/search-words?done=keywordAdded")).build();
        } catch (SearchWordsException e) {
            return Response.status(400).entity(page(new Typed("", "", ""), typed, e.problems(), "")).build();
        }
    }

    @POST
    @Path("keywords/{id: \\d+}/remove")
    public Response removeKeyword(@PathParam("id") long id) {
        words.removeKeyword(AdminUser.actor(request), id);
        return Response.seeOther(URI.create("/admin/search-words?done=keywordRemoved")).build();
    }

    /** What was typed for a keyword, shown again when refused. */
    public record TypedKeyword(String item, String language, String keyword) {
    }

    private String page(Typed form, Map<String, String> errors, String done) {
        return page(form, new TypedKeyword("", "", ""), errors, done);
    }

    private String page(Typed form, TypedKeyword keywordForm, Map<String, String> errors, String done) {
        Map<String, Object> model = new HashMap<>();
        model.put("keywords", words.keywords());
        model.put("keywordForm", keywordForm);
        Map<Long, String> items = new java.util.LinkedHashMap<>();
        queries.overview().stream().filter(w -> w.sourceLanguage() && w.kind() == ItemKind.QUESTION)
                .forEach(w -> items.put(w.itemId(), w.title()));
        model.put("items", items);
        model.put("words", words.all());
        model.put("languages", languages.all());
        model.put("form", form);
        model.put("errors", errors);
        model.put("done", done);
        return pages.render(request, response, "admin/search-words", model);
    }
}
