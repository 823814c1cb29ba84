package org.nightlight.site;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.nightlight.content.Language;
import org.nightlight.content.PublishedContent;
import org.nightlight.content.PublishedContent.Address;
import org.nightlight.content.PublishedContent.Found;
import org.nightlight.content.PublishedContent.Lookup;
import org.nightlight.content.PublishedContent.Moved;
import org.nightlight.content.PublishedContent.QuestionPage;
import org.nightlight.content.PublishedContent.Shown;
import org.nightlight.content.PublishedContent.TopicPage;
import org.nightlight.web.AcceptLanguage;
import org.nightlight.web.LanguageLink;
import org.nightlight.web.PageTags;
import org.nightlight.web.Messages;
import org.nightlight.web.PageCache;
import org.nightlight.web.Templates;

/**
 * The public pages: / (language negotiation), /language (the visitor's explicit choice), /{lang}/,
 * /{lang}/{topic}/ and /{lang}/{topic}/{question}, each with its language switcher, alternates, canonical
 * address, Open Graph tags and JSON-LD.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public final class SiteResource {

    /** The cookie that remembers a language the visitor chose in the switcher (never set otherwise). */
    public static final String LANGUAGE_COOKIE = "nl_lang";

    private static final String FRAME = "nightlight.frame";
    private static final String LANG = "{lang: [a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*}";
    private static final int ONE_YEAR = 365 * 24 * 60 * 60;
    private static final int MAX_SLUG = 200;
    private static final int MAX_NEXT = 2_000;
    /** A local path: one '/', then only characters an address may carry unencoded (RFC 3986 pchar, '/', '?'). */
    private static final Pattern LOCAL_PATH = Pattern.compile("/(?![/\\\\])[A-Za-z0-9\\-._~%!$&'()*+,;=:@/?]*");

    /** One {@code <link rel="alternate" hreflang>}: a language (or x-default) and the absolute address. */
    public record Alternate(String hreflang, String href) {
    }

    private final PublishedContent content;
    private final Templates templates;
    private final Messages messages;
    private final boolean demo;
    private final PublicUrl publicUrl;
    private final StructuredData structured = new StructuredData();

    @Context
    private HttpServletRequest request;

    @Context
    private HttpServletResponse response;

    @Context
    private UriInfo uri;

    public SiteResource(PublishedContent content, Templates templates, Messages messages, boolean demo,
            Optional<String> publicUrl) {
        this.content = content;
        this.templates = templates;
        this.messages = messages;
        this.demo = demo;
        this.publicUrl = new PublicUrl(publicUrl);
    }

    /** The language the visitor chose before (cookie), else the best match for the browser's languages. */
    @GET
    public Response root() {
        List<String> codes = frame().publicLanguages().stream().map(Language::code).toList();
        String chosen = chosenLanguage(codes).orElseGet(() -> AcceptLanguage.negotiate(
                String.join(",", Collections.list(request.getHeaders(HttpHeaders.ACCEPT_LANGUAGE))), codes,
                frame().source().code()));
        return Response.seeOther(URI.create("/" + chosen + "/"))
                .header("Vary", "Accept-Language, Cookie")
                .header("Cache-Control", "private, no-cache")
                .build();
    }

    /**
     * The language switcher's links: remember the visitor's choice for a year, then show {@code next} (a path
     * on this site; anything else, and no path, means the chosen language's home page).
     */
    @GET
    @Path("language")
    public Response chooseLanguage(@QueryParam("to") String to, @QueryParam("next") String next) {
        if (to == null || !to.matches("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")) {
            throw new BadRequestException();
        }
        Language language = frame().publicLanguage(to).orElseThrow(BadRequestException::new);
        String target = next != null && next.length() <= MAX_NEXT && LOCAL_PATH.matcher(next).matches()
                ? next : PublicUrl.path(language.code(), null, null);
        String cookie = LANGUAGE_COOKIE + "=" + language.code() + "; Max-Age=" + ONE_YEAR
                + "; Path=/; SameSite=Lax; HttpOnly" + (secure() ? "; Secure" : "");
        return Response.seeOther(URI.create(target))
                .header("Set-Cookie", cookie)
                .header("Cache-Control", "no-store")
                .build();
    }

    @GET
    @Path(LANG)
    public Response home(@PathParam("lang") String lang) {
        Language language = language(lang);
        if (!uri.getPath().endsWith("/")) {
            return moved("/" + lang + "/");
        }
        Map<String, Object> model = page(language, false);
        List<Shown> topics = content.topics(lang);
        model.put("topics", topics);
        model.put("urgentHref", urgentHref(lang, topics));
        List<Address> homes = frame().publicLanguages().stream()
                .map(l -> new Address(l, null, null, null)).toList();
        links(model, language, homes, "/");
        String description = messages.get(messages.uiLocale(lang), "site.home.intro");
        model.put("description", description);
        model.put("ogTitle", messages.get(messages.uiLocale(lang), "site.home.title"));
        model.put("ogType", "website");
        return ok("site/home", language, model);
    }

    @GET
    @Path(LANG + "/{topic}")
    public Response topic(@PathParam("lang") String lang, @PathParam("topic") String topicSlug,
            @QueryParam("page") String pageParameter) {
        Language language = language(lang);
        if (topicSlug.length() > MAX_SLUG) {
            throw new NotFoundException();
        }
        int pageNumber = Pagination.number(pageParameter);
        if (pageNumber == 1 && pageParameter != null) {
            return moved(PublicUrl.path(lang, topicSlug, null));
        }
        Lookup<TopicPage> lookup = content.topic(frame(), lang, topicSlug, pageNumber);
        if (lookup instanceof Moved<TopicPage> moved) {
            return moved(PublicUrl.path(lang, moved.topicSlug(), null) + Pagination.query(pageNumber));
        }
        if (!(lookup instanceof Found<TopicPage> found)) {
            throw new NotFoundException();
        }
        if (!uri.getPath().endsWith("/")) {
            return moved(PublicUrl.path(lang, topicSlug, null) + Pagination.query(pageNumber));
        }
        Map<String, Object> model = page(language, false);
        TopicPage page = found.value();
        PageTags.showsTopic(request, page.topic().itemId());
        model.put("topic", page.topic());
        model.put("questions", page.questions());
        model.put("questionPaths", questionPaths(language.code(), page.topic(), page.questions()));
        model.put("care", page.care());
        model.put("urgentHref", page.care().isEmpty() ? null : "#urgent-title");
        List<Shown> texts = new ArrayList<>(page.questions());
        texts.add(page.topic());
        model.put("html", htmlOf(page.topic(), page.questions(), page.care()));
        model.put("sourcesHtml", sourcesOf(texts));
        List<Address> addresses = page.addresses();
        String canonical = Pagination.links(model, page, links(model, language, addresses, null));
        model.put("outdated", outdated(addresses, texts));
        model.put("description", structured.shortened(page.topic().text().plain()));
        model.put("ogTitle", page.topic().text().title());
        model.put("ogType", "article");
        model.put("jsonLd", structured.faqPage(canonical, language.code(), page));
        return ok("site/topic", language, model);
    }

    @GET
    @Path(LANG + "/{topic}/{question}")
    public Response question(@PathParam("lang") String lang, @PathParam("topic") String topicSlug,
            @PathParam("question") String questionSlug, @QueryParam("feedback") String feedback) {
        Language language = language(lang);
        if (topicSlug.length() > MAX_SLUG || questionSlug.length() > MAX_SLUG) {
            throw new NotFoundException();
        }
        Lookup<QuestionPage> lookup = content.question(frame(), lang, topicSlug, questionSlug);
        if (lookup instanceof Moved<QuestionPage> moved) {
            return moved(PublicUrl.path(lang, moved.topicSlug(), moved.questionSlug()));
        }
        if (!(lookup instanceof Found<QuestionPage> found)) {
            throw new NotFoundException();
        }
        if (uri.getPath().endsWith("/")) {
            return moved(PublicUrl.path(lang, topicSlug, questionSlug));
        }
        QuestionPage page = found.value();
        PageTags.showsTopic(request, page.topic().itemId());
        Map<String, Object> model = page(language, false);
        model.put("topic", page.topic());
        model.put("question", page.question());
        model.put("questions", page.questions());
        model.put("questionPaths", questionPaths(language.code(), page.topic(), page.questions()));
        model.put("care", page.care());
        model.put("urgentHref", page.care().isEmpty() ? null : "#urgent-title");
        model.put("html", htmlOf(page.topic(), List.of(page.question()), page.care()));
        model.put("sourcesHtml", sourcesOf(List.of(page.question(), page.topic())));
        String canonical = links(model, language, page.addresses(), null);
        model.put("outdated", outdated(page.topicAddresses(), List.of(page.question(), page.topic())));
        model.put("description", structured.shortened(page.question().text().plain()));
        model.put("ogTitle", page.question().text().title());
        model.put("ogType", "article");
        model.put("jsonLd", structured.medicalWebPage(canonical, page));
        model.put("thanks", PageCache.FEEDBACK_THANKS.equals(feedback));
        return ok("site/question", language, model);
    }

    private Optional<String> chosenLanguage(List<String> publicCodes) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (LANGUAGE_COOKIE.equals(cookie.getName()) && publicCodes.contains(cookie.getValue())) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    private boolean secure() {
        return request.isSecure() || publicUrl.origin(request).startsWith("https:");
    }

    /** The request's public language {@code code}, else 404. */
    Language language(String code) {
        return frame().publicLanguage(code).orElseThrow(NotFoundException::new);
    }

    /** The languages of this request, read once for all the parts of its page that show them. */
    PublishedContent.Frame frame() {
        if (request.getAttribute(FRAME) instanceof PublishedContent.Frame frame) {
            return frame;
        }
        PublishedContent.Frame frame = content.frame();
        request.setAttribute(FRAME, frame);
        return frame;
    }

    /** The first topic's urgent help: one tap from a page without a topic of its own to what to do now. */
    static String urgentHref(String lang, List<Shown> topics) {
        return topics.stream().findFirst()
                .map(t -> PublicUrl.path(lang, t.text().slug(), null) + "#urgent-title").orElse(null);
    }

    /** The model every page of the layout needs; also used by the search and feedback pages. */
    Map<String, Object> page(Language language) {
        return page(language, true);
    }

    /** {@code firstTopicsHelp}: link the header to the first topic's urgent help (pages without a topic). */
    Map<String, Object> page(Language language, boolean firstTopicsHelp) {
        Map<String, Object> model = new HashMap<>();
        model.put("lang", language.code());
        model.put("dir", language.direction());
        model.put("language", language);
        model.put("demo", demo);
        // pages without a per-language address of their own (search, feedback) switch to each home page;
        // content pages replace this with links to the same page in every language
        model.put("languages", frame().publicLanguages().stream()
                .map(l -> new LanguageLink(l.code(), l.nativeName(), l.direction(),
                        PublicUrl.choose(l.code(), PublicUrl.path(l.code(), null, null)),
                        l.code().equals(language.code())))
                .toList());
        Language source = frame().source();
        model.put("sourceDir", source.direction());
        model.put("sourceCode", source.code());
        model.put("outdated", Map.of());
        // one tap from every page to what to do now: the first topic's urgent-help blocks (topic and question
        // pages point to their own, so they skip this query)
        if (firstTopicsHelp) {
            model.put("urgentHref", urgentHref(language.code(), content.firstTopic(language.code()).stream().toList()));
        }
        model.put("sourceName", Locale.forLanguageTag(source.code())
                .getDisplayLanguage(messages.uiLocale(language.code())));
        return model;
    }

    /**
     * The language switcher, hreflang alternates, canonical address and Open Graph locales of a page shown at
     * {@code addresses} (one per public language showing it). {@code xDefault} is the path for visitors whose
     * language is not listed; null means the source language's address. Returns the canonical URL.
     */
    private String links(Map<String, Object> model, Language current, List<Address> addresses, String xDefault) {
        String origin = publicUrl.origin(request);
        List<LanguageLink> switcher = new ArrayList<>();
        List<Alternate> alternates = new ArrayList<>();
        List<String> otherLocales = new ArrayList<>();
        String canonical = origin + PublicUrl.path(current.code(), null, null);
        String sourceAddress = null;
        for (Language language : frame().publicLanguages()) {
            Address address = addresses.stream().filter(a -> a.language().code().equals(language.code()))
                    .findFirst().orElse(null);
            String path = address == null ? PublicUrl.path(language.code(), null, null)
                    : PublicUrl.path(language.code(), address.topicSlug(), address.questionSlug());
            boolean isCurrent = language.code().equals(current.code());
            switcher.add(new LanguageLink(language.code(), language.nativeName(), language.direction(),
                    PublicUrl.choose(language.code(), path), isCurrent));
            if (address == null) {
                continue;
            }
            alternates.add(new Alternate(language.code(), origin + path));
            if (isCurrent) {
                canonical = origin + path;
            } else {
                otherLocales.add(ogLocale(language.code()));
            }
            if (language.isSource() || sourceAddress == null) {
                sourceAddress = origin + path;
            }
        }
        if (!alternates.isEmpty()) {
            alternates.add(new Alternate("x-default", xDefault != null ? origin + xDefault : sourceAddress));
        }
        model.put("languages", switcher);
        model.put("alternates", alternates);
        model.put("canonical", canonical);
        model.put("ogLocale", ogLocale(current.code()));
        model.put("ogLocaleAlternates", otherLocales);
        return canonical;
    }

    /**
     * The source-language page of each shown translation that is outdated (its source changed in a minor way
     * since), keyed by item id: where its notice links to. {@code topicAddresses} are the topic's addresses.
     */
    private Map<Long, String> outdated(List<Address> topicAddresses, List<Shown> items) {
        Map<Long, String> links = new HashMap<>();
        Language source = frame().source();
        String topicSlug = topicAddresses.stream().filter(a -> a.language().code().equals(source.code()))
                .map(Address::topicSlug).findFirst().orElse(null);
        for (Shown item : items) {
            var trust = item.text().trust();
            if (trust.outdated() && !item.inFallback() && topicSlug != null) {
                links.put(item.itemId(), item.topicId() == null
                        ? PublicUrl.path(source.code(), trust.sourceSlug(), null)
                        : PublicUrl.path(source.code(), topicSlug, trust.sourceSlug()));
            }
        }
        return links;
    }

    /** Open Graph writes locales with an underscore (pt_BR); a bare language stays bare. */
    private static String ogLocale(String code) {
        return code.replace('-', '_');
    }

    /** Answers (rendered and sanitized at publication) keyed by item id, so templates never see raw Markdown. */
    private static Map<Long, String> htmlOf(Shown topic, List<Shown> items, List<PublishedContent.Care> care) {
        List<Shown> texts = new ArrayList<>(items);
        texts.add(topic);
        care.forEach(block -> texts.add(block.advice()));
        return htmlOf(texts);
    }

    /** Each listed question's path by item id: made once here, not by a link expression per link. */
    private static Map<Long, String> questionPaths(String lang, Shown topic, List<Shown> questions) {
        Map<Long, String> paths = new HashMap<>();
        for (Shown question : questions) {
            paths.put(question.itemId(), PublicUrl.path(lang, topic.text().slug(), question.text().slug()));
        }
        return paths;
    }

    /** Rendered, sanitized texts keyed by item id, for other pages of the site. */
    static Map<Long, String> htmlOf(List<Shown> items) {
        Map<Long, String> html = new HashMap<>();
        for (Shown item : items) {
            html.put(item.itemId(), item.text().html());
        }
        return html;
    }

    /** Rendered sources and references of the texts that have any, keyed by item id. */
    private static Map<Long, String> sourcesOf(List<Shown> items) {
        Map<Long, String> html = new HashMap<>();
        for (Shown item : items) {
            if (item.text().sourcesHtml() != null && !item.text().sourcesHtml().isBlank()) {
                html.put(item.itemId(), item.text().sourcesHtml());
            }
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
}
