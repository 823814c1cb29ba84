package org.nightlight.site;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.nightlight.content.Language;
import org.nightlight.content.PublishedContent;
import org.nightlight.content.PublishedContent.Address;
import org.nightlight.content.PublishedContent.Page;

/**
 * Files at fixed site-wide addresses that machines ask for. For search engines: /sitemap.xml lists every
 * public page in every public language that shows it, each with its language alternates ({@code xhtml:link})
 * and x-default, and /robots.txt points to it. For browsers: /favicon.ico, which they ask for on every site.
 */
@Path("/")
public final class SitemapResource {

    private static final String SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static final String XHTML_NS = "http://www.w3.org/1999/xhtml";

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

    @GET
    @Path("sitemap.xml")
    @Produces("application/xml;charset=UTF-8")
    public Response sitemap() throws XMLStreamException {
        String origin = publicUrl.origin(request);
        List<Language> languages = content.publicLanguages();
        List<List<Address>> pages = new ArrayList<>();
        pages.add(languages.stream().map(l -> new Address(l, null, null, null)).toList());
        for (Page page : content.pages()) {
            pages.add(page.addresses());
        }
        StringWriter out = new StringWriter();
        XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeCharacters("\n");
        xml.setDefaultNamespace(SITEMAP_NS);
        xml.writeStartElement(SITEMAP_NS, "urlset");
        xml.writeDefaultNamespace(SITEMAP_NS);
        xml.writeNamespace("xhtml", XHTML_NS);
        for (List<Address> addresses : pages) {
            String xDefault = addresses.get(0).topicSlug() == null ? origin + "/" : sourceOrFirst(origin, addresses);
            for (Address address : addresses) {
                xml.writeCharacters("\n  ");
                xml.writeStartElement(SITEMAP_NS, "url");
                element(xml, "loc", url(origin, address));
                if (address.publishedAt() != null) {
                    element(xml, "lastmod", date(address.publishedAt()));
                }
                for (Address alternate : addresses) {
                    link(xml, alternate.language().code(), url(origin, alternate));
                }
                link(xml, "x-default", xDefault);
                xml.writeCharacters("\n  ");
                xml.writeEndElement();
            }
        }
        xml.writeCharacters("\n");
        xml.writeEndElement();
        xml.writeEndDocument();
        xml.close();
        return Response.ok(out.toString()).build();
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
