package org.nightlight.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** A page's encodings: the identity at once, each compressed one once, when a client first asks for it. */
class PageVariantsTest {

    static final byte[] HTML = "<p>Benign neonatal sleep myoclonus stops by itself.</p>\n".repeat(300)
            .getBytes(StandardCharsets.UTF_8);

    static PageVariants page(byte[] body) {
        return PageVariants.of(body, "\"abc\"", "text/html;charset=utf-8", List.of(Map.entry("X-Frame-Options", "DENY")),
                List.of(), PageCacheFilter.PUBLIC);
    }

    @Test
    void aMissMakesOnlyTheEncodingItsClientTakes_theOthersWhenFirstAskedFor() throws Exception {
        PageVariants page = page(HTML);
        assertThat(page.choose(null).coding()).isEqualTo("identity");
        assertThat(page.madeFor("gzip")).isNull();
        assertThat(page.madeFor("zstd")).isNull();

        PageVariants.Variant zstd = page.choose("gzip, deflate, br, zstd");
        assertThat(zstd.coding()).as("a browser's header: zstd, made fastest").isEqualTo("zstd");
        assertThat(page.madeFor("gzip")).as("nobody asked for gzip").isNull();
        assertThat(page.choose("zstd")).as("made once").isSameAs(zstd);

        PageVariants.Variant gzip = page.choose("gzip");
        assertThat(page.choose("x-gzip, identity;q=0.5")).isSameAs(gzip);
        assertThat(new GZIPInputStream(new ByteArrayInputStream(gzip.body())).readAllBytes()).isEqualTo(HTML);
        assertThat(Zstd.decompress(zstd.body(), HTML.length)).isEqualTo(HTML);
        assertThat(List.of(page.identity().etag(), gzip.etag(), zstd.etag()))
                .containsExactly("\"abc\"", "\"abc--gzip\"", "\"abc--zstd\"");
        assertThat(gzip.fields().get("Content-Encoding")).isEqualTo("gzip");
        assertThat(gzip.fields().get("Content-Length")).isEqualTo(Integer.toString(gzip.body().length));
        assertThat(gzip.fields().get("X-Frame-Options")).isEqualTo("DENY");
        assertThat(gzip.fields().get("Vary")).isEqualTo("Accept-Encoding");
    }

    @Test
    void itsWeight_isWhatIsMadeSoFar_andGrowsOnceWithEachEncodingMade() {
        PageVariants page = page(HTML);
        java.util.concurrent.atomic.AtomicInteger grown = new java.util.concurrent.atomic.AtomicInteger();
        page.whenGrown(grown::incrementAndGet);
        int identityOnly = page.bytes();
        assertThat(identityOnly).isBetween(HTML.length, HTML.length + 1024);
        assertThat(grown).hasValue(0);

        PageVariants.Variant gzip = page.choose("gzip");
        assertThat(page.bytes()).isBetween(identityOnly + gzip.body().length, identityOnly + gzip.body().length + 1024);
        assertThat(grown).as("weigh again").hasValue(1);
        page.choose("gzip");
        assertThat(grown).as("nothing new made").hasValue(1);

        PageVariants.Variant zstd = page.choose("zstd");
        assertThat(page.bytes()).isGreaterThanOrEqualTo(HTML.length + gzip.body().length + zstd.body().length);
        assertThat(grown).hasValue(2);
    }

    @Test
    void anEncodingNotWorthKeeping_weighsNothing() {
        byte[] random = new byte[20_000];
        new Random(7).nextBytes(random);
        PageVariants page = page(random);
        java.util.concurrent.atomic.AtomicInteger grown = new java.util.concurrent.atomic.AtomicInteger();
        page.whenGrown(grown::incrementAndGet);
        int before = page.bytes();

        assertThat(page.choose("gzip").coding()).as("identity serves").isEqualTo("identity");

        assertThat(page.bytes()).isEqualTo(before);
        assertThat(grown).hasValue(0);
    }

    @Test
    void manyFirstAskersAtOnce_allGetTheOneCopyKept() throws Exception {
        PageVariants page = page(HTML);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<PageVariants.Variant>> asks = java.util.Collections.nCopies(64, () -> page.choose("gzip"));
            List<PageVariants.Variant> got = new java.util.ArrayList<>();
            for (Future<PageVariants.Variant> f : pool.invokeAll(asks)) {
                got.add(f.get());
            }
            assertThat(got).allSatisfy(v -> assertThat(v).isSameAs(page.madeFor("gzip")));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aBodyThatDoesNotCompress_isSentAsItIs_andNothingAcceptableIsNull() {
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        PageVariants page = page(noise);
        assertThat(page.choose("gzip, zstd").coding()).isEqualTo("identity");
        assertThat(page.madeFor("gzip")).isNull();
        assertThat(page.choose("identity;q=0, gzip")).as("RFC 9110: the caller may send the identity").isNull();
        assertThat(page(HTML).choose("br").coding()).as("identity unless refused").isEqualTo("identity");
        assertThat(page(HTML).choose("br, identity;q=0")).isNull();
        assertThat(page(HTML).choose("zstd;q=0.5, gzip").coding()).isEqualTo("gzip");
    }
}
