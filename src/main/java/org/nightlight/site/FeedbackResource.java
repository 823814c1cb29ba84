package org.nightlight.site;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.nightlight.content.Language;
import org.nightlight.content.PublishedContent;
import org.nightlight.content.PublishedContent.Found;
import org.nightlight.content.PublishedContent.Lookup;
import org.nightlight.content.PublishedContent.Moved;
import org.nightlight.content.PublishedContent.QuestionPage;
import org.nightlight.feedback.ReaderFeedback;
import org.nightlight.web.Messages;
import org.nightlight.web.PageCache;
import org.nightlight.web.RateLimiter;
import org.nightlight.web.SameOrigin;
import org.nightlight.web.Templates;

/**
 * POST /{lang}/{topic}/{question}/feedback: "Was this helpful?" from the form under each answer. Plain
 * HTML, no login, no cookie. Checked in this order: the form came from this site, the client is within
 * its rate limit, the input is valid; then stored, and the reader is sent back to the answer (303) where
 * a thank-you is shown. Every refusal is a page in the reader's language that says what went wrong, and
 * nothing is stored.
 */
@Path("/{lang: [a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*}/{topic}/{question}/feedback")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public final class FeedbackResource {

    /** A yes/no and 500 characters, percent-encoded, fit many times over. */
    static final int MAX_BODY_BYTES = 16 * 1024;

    private final PublishedContent content;
    private final ReaderFeedback feedback;
    private final RateLimiter limiter;
    private final SiteResource site;
    private final Templates templates;
    private final Messages messages;

    @Context
    private HttpServletRequest request;

    @Context
    private HttpServletResponse response;

    public FeedbackResource(PublishedContent content, ReaderFeedback feedback, RateLimiter limiter, SiteResource site,
            Templates templates, Messages messages) {
        this.content = content;
        this.feedback = feedback;
        this.limiter = limiter;
        this.site = site;
        this.templates = templates;
        this.messages = messages;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response post(@PathParam("lang") String lang, @PathParam("topic") String topicSlug,
            @PathParam("question") String questionSlug, InputStream body) throws IOException {
        Language language = site.language(lang);
        QuestionPage page = question(lang, topicSlug, questionSlug);
        String back = PublicUrl.path(lang, page.topic().text().slug(), page.question().text().slug());
        if (!SameOrigin.check(request)) {
            return problem(403, language, page, back, "site.feedback.error.origin", null, null);
        }
        if (!limiter.tryAcquire(request.getRemoteAddr())) {
            return problem(429, language, page, back, null, null, null);
        }
        Map<String, String> form = form(body);
        if (form == null) {
            return problem(413, language, page, back, "site.feedback.error.tooLarge", null, null);
        }
        String comment = ReaderFeedback.clean(form.get("comment"));
        Boolean helpful = switch (form.getOrDefault("helpful", "")) {
            case "yes" -> Boolean.TRUE;
            case "no" -> Boolean.FALSE;
            default -> null;
        };
        if (helpful == null) {
            return problem(400, language, page, back, "site.feedback.error.helpful", null, comment);
        }
        if (ReaderFeedback.tooLong(comment)) {
            return problem(400, language, page, back, "site.feedback.error.tooLong", helpful, comment);
        }
        feedback.record(page.question().itemId(), lang, page.question().text().revisionId(), helpful, comment);
        return Response.seeOther(URI.create(back + "?feedback=" + PageCache.FEEDBACK_THANKS + "#feedback"))
                .header("Cache-Control", "no-store").build();
    }

    /** The question the form belongs to, also under an old or another language's slug; else 404. */
    private QuestionPage question(String lang, String topicSlug, String questionSlug) {
        Lookup<QuestionPage> lookup = content.question(site.frame(), lang, topicSlug, questionSlug);
        if (lookup instanceof Moved<QuestionPage> moved) {
            lookup = content.question(site.frame(), lang, moved.topicSlug(), moved.questionSlug());
        }
        if (lookup instanceof Found<QuestionPage> found) {
            return found.value();
        }
        throw new NotFoundException();
    }

    /**
     * The url-encoded form, read here rather than by Jersey so that a huge body is refused after
     * {@link #MAX_BODY_BYTES} instead of read into memory; null when too large. A malformed
     * percent-escape makes that field empty.
     */
    private static Map<String, String> form(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            return null;
        }
        Map<String, String> fields = new HashMap<>();
        for (String pair : new String(bytes, StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            fields.putIfAbsent(name, value);
        }
        return fields;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private Response problem(int status, Language language, QuestionPage page, String back, String problemKey,
            Boolean helpful, String comment) {
        Locale locale = messages.uiLocale(language.code());
        Map<String, Object> model = site.page(language);
        model.put("status", status);
        model.put("problem", problemKey == null ? null
                : messages.get(locale, problemKey, ReaderFeedback.MAX_COMMENT_CHARS));
        model.put("topic", page.topic());
        model.put("question", page.question());
        model.put("back", back);
        model.put("showForm", status == 400);
        model.put("helpful", helpful);
        model.put("comment", comment == null ? "" : comment);
        String html = templates.render(request, response, "site/feedback-problem", locale, model);
        Response.ResponseBuilder answer = Response.status(status).entity(html).header("Cache-Control", "no-store");
        if (status == 429) {
            answer.header("Retry-After", "600");
        }
        return answer.build();
    }
}
