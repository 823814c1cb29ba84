package org.nightlight.site;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nightlight.content.Language;
import org.nightlight.content.PublishedContent;
import org.nightlight.content.PublishedContent.Found;
import org.nightlight.content.PublishedContent.Lookup;
import org.nightlight.content.PublishedContent.Moved;
import org.nightlight.content.PublishedContent.QuestionPage;
import org.nightlight.content.PublishedContent.Shown;
import org.nightlight.content.PublishedContent.TopicPage;
import org.nightlight.web.Markdown;
import org.nightlight.web.Messages;
import org.nightlight.web.Templates;

/** The public pages: /{lang}/, /{lang}/{topic}/ and /{lang}/{topic}/{question}. */
@Path("/")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public final class SiteResource {

    private static final String LANG = "{lang: [a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*}";

    private final PublishedContent content;
    private final Templates templates;
    private final Messages messages;
    private final Markdown markdown;
    private final boolean demo;

    @Context
    private HttpServletRequest request;

    @Context
    private HttpServletResponse response;

    @Context
    private UriInfo uri;

    public SiteResource(PublishedContent content, Templates templates, Messages messages, Markdown markdown,
            boolean demo) {
        this.content = content;
        this.templates = templates;
        this.messages = messages;
        this.markdown = markdown;
        this.demo = demo;
    }

    @GET
    public Response root() {
        List<Language> languages = content.publicLanguages();
        String chosen = languages.isEmpty() ? content.sourceLanguage().code() : languages.get(0).code();
        outer:
        for (Locale preferred : Collections.list(request.getLocales())) {
            for (Language language : languages) {
                if (language.code().equalsIgnoreCase(preferred.toLanguageTag())
                        || language.code().equalsIgnoreCase(preferred.getLanguage())) {
                    chosen = language.code();
                    break outer;
                }
            }
        }
        return Response.seeOther(URI.create("/" + chosen + "/")).header("Vary", "Accept-Language").build();
    }

    @GET
    @Path(LANG)
    public Response home(@PathParam("lang") String lang) {
        Language language = language(lang);
        if (!uri.getPath().endsWith("/")) {
            return moved("/" + lang + "/");
        }
        Map<String, Object> model = page(language);
        model.put("topics", content.topics(lang));
        return ok("site/home", language, model);
    }

    @GET
    @Path(LANG + "/{topic}")
    public Response topic(@PathParam("lang") String lang, @PathParam("topic") String topicSlug) {
        Language language = language(lang);
        Lookup<TopicPage> lookup = content.topic(lang, topicSlug);
        if (lookup instanceof Moved<TopicPage> moved) {
            return moved(path(lang, moved.topicSlug(), null));
        }
        if (!(lookup instanceof Found<TopicPage> found)) {
            throw new NotFoundException();
        }
        if (!uri.getPath().endsWith("/")) {
            return moved(path(lang, topicSlug, null));
        }
        Map<String, Object> model = page(language);
        TopicPage page = found.value();
        model.put("topic", page.topic());
        model.put("questions", page.questions());
        model.put("urgentHelp", page.urgentHelp());
        model.put("html", htmlOf(page.topic(), page.questions(), page.urgentHelp()));
        model.put("sourcesHtml", markdown.toHtml(page.topic().text().sources()));
        return ok("site/topic", language, model);
    }

    @GET
    @Path(LANG + "/{topic}/{question}")
    public Response question(@PathParam("lang") String lang, @PathParam("topic") String topicSlug,
            @PathParam("question") String questionSlug) {
        Language language = language(lang);
        Lookup<QuestionPage> lookup = content.question(lang, topicSlug, questionSlug);
        if (lookup instanceof Moved<QuestionPage> moved) {
            return moved(path(lang, moved.topicSlug(), moved.questionSlug()));
        }
        if (!(lookup instanceof Found<QuestionPage> found)) {
            throw new NotFoundException();
        }
        if (uri.getPath().endsWith("/")) {
            return moved(path(lang, topicSlug, questionSlug));
        }
        QuestionPage page = found.value();
        Map<String, Object> model = page(language);
        model.put("topic", page.topic());
        model.put("question", page.question());
        model.put("questions", page.questions());
        model.put("urgentHelp", page.urgentHelp());
        model.put("html", htmlOf(page.topic(), List.of(page.question()), page.urgentHelp()));
        model.put("sourcesHtml", markdown.toHtml(page.topic().text().sources()));
        return ok("site/question", language, model);
    }

    private Language language(String code) {
        return content.publicLanguage(code).orElseThrow(NotFoundException::new);
    }

    /** The model every page of the layout needs; also used by the search and feedback pages. */
    Map<String, Object> page(Language language) {
        Map<String, Object> model = new HashMap<>();
        model.put("lang", language.code());
        model.put("dir", language.direction());
        model.put("language", language);
        model.put("languages", content.publicLanguages());
        model.put("demo", demo);
        Language source = content.sourceLanguage();
        model.put("sourceDir", source.direction());
        model.put("sourceName", Locale.forLanguageTag(source.code())
                .getDisplayLanguage(messages.uiLocale(language.code())));
        return model;
    }

    /** Rendered, sanitized answers keyed by item id, so templates never see raw Markdown. */
    private Map<Long, String> htmlOf(Shown topic, List<Shown> items, Shown urgentHelp) {
        Map<Long, String> html = new HashMap<>();
        html.put(topic.itemId(), markdown.toHtml(topic.text().body()));
        if (urgentHelp != null) {
            html.put(urgentHelp.itemId(), markdown.toHtml(urgentHelp.text().body()));
        }
        for (Shown item : items) {
            html.put(item.itemId(), markdown.toHtml(item.text().body()));
        }
        return html;
    }

    private Response ok(String template, Language language, Map<String, Object> model) {
        Locale locale = messages.uiLocale(language.code());
        return Response.ok(templates.render(request, response, template, locale, model)).build();
    }

    private static Response moved(String path) {
        return Response.status(Response.Status.MOVED_PERMANENTLY).location(URI.create(path)).build();
    }

    static String path(String lang, String topicSlug, String questionSlug) {
        StringBuilder path = new StringBuilder("/").append(lang).append('/').append(encode(topicSlug)).append('/');
        if (questionSlug != null) {
            path.append(encode(questionSlug));
        }
        return path.toString();
    }

    private static String encode(String segment) {
        return java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
