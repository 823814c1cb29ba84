package org.nightlight.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.QueryParam;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.nightlight.site.FeedbackResource;
import org.nightlight.site.HelpNumbersResource;
import org.nightlight.site.SearchResource;
import org.nightlight.site.SiteResource;
import org.nightlight.site.SitemapResource;

/**
 * A page's cache key keeps only the query parameters pages read: a shared link's tracking parameters find the
 * cached page, and no parameter a page reads can be left out of its key (one page served for another).
 */
class KeyedParametersTest {

    /** Read only by /language, which is not a public page path and is never cached. */
    static final Set<String> NOT_ON_CACHED_PATHS = Set.of("to", "next");

    @Test
    void everyParameterThePublicResourcesOrTemplatesRead_isKeyed() throws IOException {
        Set<String> read = new TreeSet<>();
        for (Class<?> resource : new Class<?>[] {SiteResource.class, SearchResource.class, HelpNumbersResource.class,
            SitemapResource.class, FeedbackResource.class}) {
            for (Method method : resource.getDeclaredMethods()) {
                for (Parameter parameter : method.getParameters()) {
                    QueryParam query = parameter.getAnnotation(QueryParam.class);
                    if (query != null) {
                        read.add(query.value());
                    }
                }
            }
        }
        for (String template : new String[] {"layout", "site/question", "site/topic", "site/home", "site/search",
            "site/fragments", "site/feedback", "site/help-numbers", "site/pagination", "site/search-form"}) {
            try (InputStream in = getClass().getResourceAsStream("/templates/" + template + ".html")) {
                Matcher m = Pattern.compile("param\\.(\\w+)").matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                while (m.find()) {
                    read.add(m.group(1));
                }
            }
        }
        read.removeAll(NOT_ON_CACHED_PATHS);
        assertThat(read).isNotEmpty();
        assertThat(PageCache.READ_PARAMETERS).containsAll(read);
        assertThat(LanguagePaths.isPublic("/language")).isFalse();
    }

    @Test
    void trackingParametersLeaveTheKey_readOnesStayAsSent() {
        assertThat(PageCache.keyedPathAndQuery("/en/topic/question?utm_source=whatsapp&fbclid=abc"))
                .isEqualTo("/en/topic/question");
        assertThat(PageCache.keyedPathAndQuery("/en/search?utm_medium=x&q=sleep+jerks&gclid=1"))
                .isEqualTo("/en/search?q=sleep+jerks");
        assertThat(PageCache.keyedPathAndQuery("/en/topic/?page=2&&ref=a")).isEqualTo("/en/topic/?page=2");
        assertThat(PageCache.keyedPathAndQuery("/en/")).isEqualTo("/en/");
        assertThat(PageCache.keyedPathAndQuery("/en/?")).isEqualTo("/en/");
    }

    @Test
    void aReadParameterSpeltEncoded_staysInTheKey_andOneThatDoesNotDecodeToo() {
        assertThat(PageCache.keyedPathAndQuery("/en/search?%71=zebra")).isEqualTo("/en/search?%71=zebra");
        assertThat(PageCache.keyedPathAndQuery("/en/search?%zz=1&q=a")).isEqualTo("/en/search?%zz=1&q=a");
        assertThat(PageCache.keyedPathAndQuery("/en/search?Q=a")).as("names are case-sensitive, as read")
                .isEqualTo("/en/search");
    }

    @Test
    void onlyTheValuesAPageReads_areWorthStoring() {
        assertThat(PageCache.worthStoring("/en/topic/question")).isTrue();
        assertThat(PageCache.worthStoring("/en/topic/question?feedback=thanks")).isTrue();
        assertThat(PageCache.worthStoring("/en/topic/question?%66eedback=th%61nks")).isTrue();
        assertThat(PageCache.worthStoring("/en/topic/question?feedback=bench-1-2-3")).isFalse();
        assertThat(PageCache.worthStoring("/en/topic/question?feedback")).isFalse();
        assertThat(PageCache.worthStoring("/en/topic/question?feedback=thanks&feedback=x")).isFalse();
        assertThat(PageCache.worthStoring("/en/topic/question?feedback=%zz")).isFalse();
        assertThat(PageCache.worthStoring("/en/search?q=anything&%zz=1")).isTrue();
    }
}
