package org.nightlight.warmup;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Asks a running site for what its visitors ask: every page its sitemap names (plainly, gzip and as a browser
 * asks), the static files they link, searches that find something, nothing and a misspelling in every language,
 * a page that does not exist and the sign-in page. A training run for the JVM's ahead-of-time cache walks it so
 * the cache holds the classes and method profiles a real start needs.
 */
public final class SiteWalk {

    /** What a walk asked for and what went wrong (an answer of 500 or more, or none). */
    public record Outcome(int requests, int pages, List<String> failures) {
    }

    private static final String[] ENCODINGS = {"identity", "gzip", "gzip, deflate, br, zstd"};
    private static final String[] SEARCHES = {"sleep", "slepp", "zzqxv"};
    private static final Pattern STATIC = Pattern.compile("(?:href|src)=\"(/static/[^\"?#]+)\"");
    private static final Pattern LANGUAGE = Pattern.compile("^/([a-z]{2,3}(?:-[A-Za-z0-9]+)*)/$");

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String base;
    private int requests;
    private final List<String> failures = new ArrayList<>();

    /** {@code base}: the site's origin, e.g. {@code http://127.0.0.1:8080}. */
    public SiteWalk(String base) {
        this.base = base;
    }

    /** Walks the site {@code rounds} times (the first renders, the others read the page cache). */
    public Outcome walk(int rounds) throws IOException, InterruptedException {
        List<String> pages = sitemapPages();
        if (pages.isEmpty()) {
            failures.add("/sitemap.xml named no pages");
        }
        Set<String> addresses = new LinkedHashSet<>(pages);
        for (String page : pages) {
            Matcher home = LANGUAGE.matcher(page);
            if (home.matches()) {
                for (String words : SEARCHES) {
                    addresses.add("/" + home.group(1) + "/search?q=" + words);
                }
            }
        }
        if (!pages.isEmpty()) {
            addresses.addAll(staticFiles(pages.get(0)));
        }
        addresses.add("/en/no-such-page");
        addresses.add("/admin/login");
        for (int round = 0; round < rounds; round++) {
            for (String address : addresses) {
                for (String encoding : ENCODINGS) {
                    get(address, encoding);
                }
            }
        }
        return new Outcome(requests, pages.size(), List.copyOf(failures));
    }

    /** The path (and query) of every address in the sitemap's files. */
    private List<String> sitemapPages() throws IOException, InterruptedException {
        List<String> pages = new ArrayList<>();
        for (String file : locations(get("/sitemap.xml", "identity"))) {
            for (String page : locations(get(pathOf(file), "identity"))) {
                pages.add(pathOf(page));
            }
        }
        return pages;
    }

    private List<String> staticFiles(String page) throws IOException, InterruptedException {
        List<String> files = new ArrayList<>();
        Matcher link = STATIC.matcher(get(page, "identity"));
        while (link.find()) {
            files.add(link.group(1));
        }
        return files;
    }

    private String get(String address, String encoding) throws IOException, InterruptedException {
        requests++;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + address))
                    .header("Accept-Encoding", encoding).timeout(Duration.ofSeconds(30)).GET().build();
            // only plain answers are read; compressed ones are taken and dropped
            HttpResponse<String> response = http.send(request, encoding.equals("identity")
                    ? HttpResponse.BodyHandlers.ofString() : HttpResponse.BodyHandlers.replacing(""));
            if (response.statusCode() >= 500) {
                failures.add(address + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            failures.add(address + ": " + e);
            return "";
        }
    }

    private static String pathOf(String location) {
        URI uri = URI.create(location);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /** The text of every {@code loc} element of a sitemap or sitemap index (none when it is not one). */
    static List<String> locations(String xml) {
        List<String> locations = new ArrayList<>();
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        try {
            XMLStreamReader reader = factory.createXMLStreamReader(new StringReader(xml));
            while (reader.hasNext()) {
                if (reader.next() == XMLStreamConstants.START_ELEMENT && reader.getLocalName().equals("loc")) {
                    locations.add(reader.getElementText().strip());
                }
            }
        } catch (XMLStreamException e) {
            return locations;
        }
        return locations;
    }
}
