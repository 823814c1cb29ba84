package org.nightlight.site;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.nightlight.content.Language;
import org.nightlight.content.PublishedContent;
import org.nightlight.content.PublishedContent.Address;
import org.nightlight.content.PublishedContent.Page;

/**
 * Files at fixed site-wide addresses that machines ask for. For search engines: /sitemap.xml is a sitemap
 * index whose files list every public page in every public language that shows it, each with its language
 * alternates ({@code xhtml:link}) and x-default, and /robots.txt points to it. For browsers: /favicon.ico, which they ask for on every site.
 */
@Path("/")
public final class SitemapResource {

    private static final String SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static final String XHTML_NS = "http://www.w3.org/1999/xhtml";
    static final int URLS_PER_FILE = 10_000;

    private static final byte[] FAVICON = favicon("static/favicon.ico");

    private final PublishedContent content;
    private final PublicUrl publicUrl;

    @Context
    private HttpServletRequest request;

    public SitemapResource(PublishedContent content, Optional<String> publicUrl) {
        this.content = content;
        this.publicUrl = new PublicUrl(publicUrl);
    }

    /** Browsers ask for it even when a page links its icon; a 404 there is a console error on every visit. */
    @GET
    @Path("favicon.ico")
    @Produces("image/x-icon")
    public Response favicon() {
        return Response.ok(FAVICON).header("Cache-Control", "public, max-age=604800").build();
    }

    @GET
    @Path("robots.txt")
    @Produces("text/plain;charset=UTF-8")
    public String robots() {
        return "User-agent: *\n"
                + "Disallow: /admin/\n"
                + "Disallow: /language\n"
                + "\n"
                + "Sitemap: " + publicUrl.origin(request) + "/sitemap.xml\n";
    }

    /**
     * Without {@code part}: the sitemap index, naming each file of at most {@value #URLS_PER_FILE} addresses
     * (the protocol allows 50,000 and 50 MB; with a dozen languages' alternates per address a file stays
     * under 20 MB). With {@code part=N}: that file. Both are cached like pages and dropped on every change.
     */
    @GET
    @Path("sitemap.xml")
    @Produces("application/xml;charset=UTF-8")
    public Response sitemap(@QueryParam("part") String part) throws XMLStreamException {
        String origin = publicUrl.origin(request);
        List<Entry> entries = entries(origin);
        int parts = Math.max(1, (entries.size() + URLS_PER_FILE - 1) / URLS_PER_FILE);
        if (part == null) {
            return Response.ok(index(origin, entries, parts)).build();
        }
        if (!part.matches("[1-9][0-9]{0,5}") || Integer.parseInt(part) > parts) {
            throw new NotFoundException();
        }
        int from = (Integer.parseInt(part) - 1) * URLS_PER_FILE;
        return Response.ok(urlset(entries.subList(from, Math.min(entries.size(), from + URLS_PER_FILE)))).build();
    }

    /** One address of the sitemap with its alternates (x-default last) and when its text last changed. */
    private record Entry(String loc, Instant lastModified, List<SiteResource.Alternate> alternates) {
    }

    /** Home pages, then every topic (each of its pages) and question page, in every language showing it. */
    private List<Entry> entries(String origin) {
        PublishedContent.Frame frame = content.frame();
        List<Language> languages = frame.publicLanguages();
        List<Entry> entries = new ArrayList<>();
        add(entries, origin, languages.stream().map(l -> new Address(l, null, null, null)).toList(), origin + "/", 1);
        List<Page> pages = content.pages(frame);
        Map<Long, Integer> questions = new HashMap<>();
        for (Page page : pages) {
            if (page.questionId() != null) {
                questions.merge(page.topicId(), 1, Integer::sum);
            }
        }
        for (Page page : pages) {
            int count = page.questionId() != null ? 1 : PublishedContent.pages(
                    questions.getOrDefault(page.topicId(), 0), PublishedContent.QUESTIONS_PER_PAGE);
            add(entries, origin, page.addresses(), sourceOrFirst(origin, page.addresses()), count);
        }
        return entries;
    }

    /** The addresses of one page in every language, and of its further pages ({@code ?page=N}) up to {@code count}. */
    private static void add(List<Entry> entries, String origin, List<Address> addresses, String xDefault, int count) {
        for (int n = 1; n <= count; n++) {
            String query = n == 1 ? "" : "?page=" + n;
            List<SiteResource.Alternate> alternates = new ArrayList<>();
            for (Address alternate : addresses) {
                alternates.add(new SiteResource.Alternate(alternate.language().code(), url(origin, alternate) + query));
            }
            alternates.add(new SiteResource.Alternate("x-default", xDefault + query));
            for (Address address : addresses) {
                entries.add(new Entry(url(origin, address) + query, address.publishedAt(), alternates));
            }
        }
    }

    private static String index(String origin, List<Entry> entries, int parts) throws XMLStreamException {
        StringWriter out = new StringWriter();
        XMLStreamWriter xml = start(out, "sitemapindex");
        for (int part = 1; part <= parts; part++) {
            List<Entry> slice = entries.subList((part - 1) * URLS_PER_FILE,
                    Math.min(entries.size(), part * URLS_PER_FILE));
            xml.writeCharacters("\n  ");
            xml.writeStartElement(SITEMAP_NS, "sitemap");
            element(xml, "loc", origin + "/sitemap.xml?part=" + part);
            Instant last = slice.stream().map(Entry::lastModified).filter(java.util.Objects::nonNull)
                    .max(java.util.Comparator.naturalOrder()).orElse(null);
            if (last != null) {
                element(xml, "lastmod", date(last));
            }
            xml.writeCharacters("\n  ");
            xml.writeEndElement();
        }
        return end(out, xml);
    }

    private static String urlset(List<Entry> entries) throws XMLStreamException {
        StringWriter out = new StringWriter();
        XMLStreamWriter xml = start(out, "urlset");
        for (Entry entry : entries) {
            xml.writeCharacters("\n  ");
            xml.writeStartElement(SITEMAP_NS, "url");
            element(xml, "loc", entry.loc());
            if (entry.lastModified() != null) {
                element(xml, "lastmod", date(entry.lastModified()));
            }
            for (SiteResource.Alternate alternate : entry.alternates()) {
                link(xml, alternate.hreflang(), alternate.href());
            }
            xml.writeCharacters("\n  ");
            xml.writeEndElement();
        }
        return end(out, xml);
    }

    private static XMLStreamWriter start(StringWriter out, String root) throws XMLStreamException {
        XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeCharacters("\n");
        xml.setDefaultNamespace(SITEMAP_NS);
        xml.writeStartElement(SITEMAP_NS, root);
        xml.writeDefaultNamespace(SITEMAP_NS);
        if (root.equals("urlset")) {
            xml.writeNamespace("xhtml", XHTML_NS);
        }
        return xml;
    }

    private static String end(StringWriter out, XMLStreamWriter xml) throws XMLStreamException {
        xml.writeCharacters("\n");
        xml.writeEndElement();
        xml.writeEndDocument();
        xml.close();
        return out.toString();
    }

    private static String sourceOrFirst(String origin, List<Address> addresses) {
        return addresses.stream().filter(a -> a.language().isSource()).findFirst()
                .map(a -> url(origin, a)).orElseGet(() -> url(origin, addresses.get(0)));
    }

    private static String url(String origin, Address address) {
        return origin + PublicUrl.path(address.language().code(), address.topicSlug(), address.questionSlug());
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeCharacters("\n    ");
        xml.writeStartElement(SITEMAP_NS, name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    private static void link(XMLStreamWriter xml, String hreflang, String href) throws XMLStreamException {
        xml.writeCharacters("\n    ");
        xml.writeEmptyElement(XHTML_NS, "link");
        xml.writeAttribute("rel", "alternate");
        xml.writeAttribute("hreflang", hreflang);
        xml.writeAttribute("href", href);
    }

    private static String date(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate().toString();
    }

    private static byte[] favicon(String resource) {
        try (var in = SitemapResource.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
