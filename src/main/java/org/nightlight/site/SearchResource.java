package org.nightlight.site;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nightlight.content.Language;
import org.nightlight.content.PublishedContent;
import org.nightlight.content.Search;
import org.nightlight.web.Messages;
import org.nightlight.web.Templates;
import org.unbescape.html.HtmlEscape;

/**
 * /{lang}/search?q=: the search form, results with highlighted snippets, or a "no results" page with tips
 * and the topics. Whatever the query holds, the answer is a normal page.
 */
@Path("/{lang: [a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*}/search")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public final class SearchResource {

    static final int OFFERED_TOPICS = 3;
    /** Questions offered of each: a few to tap at once, then a link to the topic (its list may run to hundreds). */
    static final int OFFERED_QUESTIONS = 8;

    private final Search search;
    private final PublishedContent content;
    private final SiteResource site;
    private final Templates templates;
    private final Messages messages;

    @Context
    private HttpServletRequest request;

    @Context
    private HttpServletResponse response;

    /**
     * A hit with the address it links to, and its title and snippet as HTML: the text escaped (by unbescape, as
     * th:text does), the matches in {@code <mark>}. Made here once per hit: as a loop of expressions per part
     * the parts were most of a search page's rendering.
     */
    public record Link(String href, Search.Hit hit, String titleHtml, String snippetHtml) {

        Link(String href, Search.Hit hit) {
            this(href, hit, html(hit.title()), html(hit.snippet()));
        }

        static String html(List<Search.Part> parts) {
            StringBuilder html = new StringBuilder();
            for (Search.Part part : parts) {
                String text = HtmlEscape.escapeHtml5Xml(part.text());
                html.append(part.highlighted() ? "<mark>" + text + "</mark>" : text);
            }
            return html.toString();
        }
    }

    public SearchResource(Search search, PublishedContent content, SiteResource site, Templates templates,
            Messages messages) {
        this.search = search;
        this.content = content;
        this.site = site;
        this.templates = templates;
        this.messages = messages;
    }

    @GET
    public Response search(@PathParam("lang") String lang, @QueryParam("q") String q,
            @QueryParam("page") String pageParameter) {
        Language language = site.language(lang);
        int page = Pagination.number(pageParameter);
        Search.Results results = search.search(lang, q, page);
        if (page > results.pages()) {
            throw new NotFoundException();
        }
        List<PublishedContent.Shown> topics = results.hits().isEmpty() ? content.topics(lang) : List.of();
        // a page that lists the topics has the first one's urgent help at hand: no query of its own for it
        Map<String, Object> model = site.page(language, topics.isEmpty());
        if (!topics.isEmpty()) {
            model.put("urgentHref", SiteResource.urgentHref(lang, topics));
        }
        // the switcher runs the same search in the other language
        String words = results.query() == null ? "" : results.query();
        model.put("languages", site.frame().publicLanguages().stream()
                .map(l -> new org.nightlight.web.LanguageLink(l.code(), l.nativeName(), l.direction(),
                        PublicUrl.choose(l.code(), address(l.code(), words, 1)),
                        l.code().equals(lang)))
                .toList());
        model.put("searchPage", true);
        model.put("results", results);
        model.put("query", results.query());
        model.put("links", results.hits().stream().map(hit -> new Link(href(lang, hit), hit)).toList());
        pages(model, lang, results);
        model.put("maxQueryChars", Search.MAX_QUERY_CHARS);
        model.put("topics", topics);
        List<PublishedContent.TopicPage> offered = results.hits().isEmpty() && !results.blank()
                ? offered(lang, topics) : List.of();
        model.put("offered", offered);
        List<PublishedContent.Care> care = offered.stream().map(PublishedContent.TopicPage::care)
                .filter(blocks -> !blocks.isEmpty()).findFirst().orElse(List.of());
        model.put("care", care);
        model.put("html", SiteResource.htmlOf(care.stream().map(PublishedContent.Care::advice).toList()));
        Locale locale = messages.uiLocale(lang);
        model.put("didYouMean", messages.around(locale, "site.search.didYouMean"));
        model.put("languageNames", results.hits().stream().map(Search.Hit::languageCode).distinct()
                .collect(java.util.stream.Collectors.toMap(code -> code,
                        code -> Locale.forLanguageTag(code).getDisplayLanguage(locale))));
        return Response.ok(templates.render(request, response, "site/search", locale, model)).build();
    }

    /** The address of page {@code page} of the search for {@code words} in {@code lang}: the first without a number. */
    static String address(String lang, String words, int page) {
        if (words.isBlank()) {
            return "/" + lang + "/search";
        }
        return "/" + lang + "/search?q=" + java.net.URLEncoder.encode(words, java.nio.charset.StandardCharsets.UTF_8)
                + (page > 1 ? "&page=" + page : "");
    }

    /** Where the previous and next pages of results are, for the page's nav and its rel links. */
    private static void pages(Map<String, Object> model, String lang, Search.Results results) {
        Pagination.neighbours(model, results.page(), results.pages(),
                number -> address(lang, results.query(), number));
        // the list goes on numbering from page to page
        model.put("firstResult", (results.page() - 1) * Search.PER_PAGE + 1);
    }

    /**
     * What a search that found nothing offers besides the tips: the urgent-help block and the questions of
     * the first few topics, so a worried reader is one tap from an answer.
     */
    private List<PublishedContent.TopicPage> offered(String lang, List<PublishedContent.Shown> topics) {
        return content.outlines(lang, topics.stream().limit(OFFERED_TOPICS).map(PublishedContent.Shown::itemId)
                .toList(), OFFERED_QUESTIONS);
    }

    static String href(String lang, Search.Hit hit) {
        return switch (hit.kind()) {
            case QUESTION -> PublicUrl.path(lang, hit.topicSlug(), hit.slug());
            case TOPIC -> PublicUrl.path(lang, hit.slug(), null);
            case URGENT_HELP -> PublicUrl.path(lang, hit.topicSlug(), null) + "#urgent-title";
        };
    }
}
