package org.nightlight.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.nightlight.content.Language;
import org.nightlight.workflow.RevisionRef;
import org.nightlight.workflow.Threads;
import org.nightlight.workflow.WorkflowException.InvalidText;

/**
 * Writing in the conversation on an item: a new comment about a revision, a reply, marking a topic resolved.
 * Each goes back to the page it came from (item, editor or review screen). Who may is the policy's, asked again
 * by the service; a refused comment comes back on its own page with the text kept and the problem named.
 */
@Path("/admin/threads")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public final class ThreadResource {

    /** The admin pages that show a conversation; anything else sent as {@code back} is ignored. */
    private static final Pattern BACK = Pattern.compile("/admin/(items/\\d+/[A-Za-z0-9-]+(/edit)?|revisions/\\d+)");

    private final ContentViews views;

    @Context
    private HttpServletRequest request;

    @Context
    private HttpServletResponse response;

    ThreadResource(ContentViews views) {
        this.views = views;
    }

    @POST
    @Path("revisions/{id: \\d+}/comments")
    public Response comment(@PathParam("id") long revisionId, @FormParam("text") String body,
            @FormParam("back") String back) {
        RevisionRef about = views.queries.revision(revisionId).orElseThrow(NotFoundException::new);
        return written(about, back, 0, body, () -> threads().comment(AdminUser.actor(request), revisionId, body));
    }

    @POST
    @Path("comments/{id: \\d+}/replies")
    public Response reply(@PathParam("id") long commentId, @FormParam("text") String body,
            @FormParam("back") String back) {
        RevisionRef about = aboutComment(commentId);
        return written(about, back, commentId, body, () -> threads().reply(AdminUser.actor(request), commentId, body));
    }

    @POST
    @Path("comments/{id: \\d+}/resolve")
    public Response resolve(@PathParam("id") long commentId, @FormParam("back") String back) {
        RevisionRef about = aboutComment(commentId);
        threads().resolve(AdminUser.actor(request), commentId);
        return Response.seeOther(URI.create(back(about, back) + "#comment-" + commentId)).build();
    }

    private Response written(RevisionRef about, String back, long topic, String body, Supplier<Long> write) {
        long id;
        try {
            id = write.get();
        } catch (InvalidText e) {
            return refused(about, back(about, back), topic, body == null ? "" : body, e.code());
        }
        return Response.seeOther(URI.create(back(about, back) + "#comment-" + id)).build();
    }

    /** The conversation alone, with the refused text in its box and the problem named. */
    private Response refused(RevisionRef about, String back, long topic, String typed, String errorKey) {
        Language language = views.language(about.languageCode());
        Map<String, Object> model = new HashMap<>();
        model.put("language", language);
        model.put("itemTitle", about.text().title());
        model.put("back", back);
        model.put("thread", views.thread(AdminUser.person(request), about.itemId(), about.languageCode(),
                about, back).failed(topic, typed, errorKey));
        String html = views.pages.render(request, response, "admin/thread-refused", model);
        return Response.status(400).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html).build();
    }

    private RevisionRef aboutComment(long commentId) {
        return threads().revisionOf(commentId).flatMap(views.queries::revision).orElseThrow(NotFoundException::new);
    }

    private Threads threads() {
        return views.workflow.threads();
    }

    private static String back(RevisionRef about, String back) {
        return back != null && BACK.matcher(back).matches() ? back : ItemEditor.itemPath(about);
    }
}
