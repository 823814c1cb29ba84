package org.nightlight.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.testing.RawHttp;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.TestPostgres;

/**
 * Request bodies are never inflated: a body declared gzip (or any other coding) is refused with 415 at once.
 * A truncated gzip body used to leave a server thread spinning on the inflater for good.
 */
class EncodedBodiesTest {

    @RegisterExtension
    static TestPostgres db = new TestPostgres();

    static RunningApp app;

    @BeforeAll
    static void start() throws Exception {
        app = RunningApp.start(db.settings());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** A gzip header and the first bytes of a deflate stream, then nothing. */
    private static final byte[] TRUNCATED_GZIP = {0x1f, (byte) 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0, 0x03, 0x4b, 0x4c};

    @Test
    void aTruncatedGzipBody_isRefusedWithin415_andLeavesNoThreadBusy() throws Exception {
        long started = System.nanoTime();
        for (String path : new String[] {"/admin/login", "/fr/topic/question/feedback"}) {
            RawHttp.Response response = RawHttp.send("127.0.0.1", app.app().port(), "POST", path, Map.of(
                    "Origin", "http://127.0.0.1:" + app.app().port(), "Content-Encoding", "gzip",
                    "Content-Type", "application/x-www-form-urlencoded", "Accept-Language", "fr"), TRUNCATED_GZIP);
            assertThat(response.status()).as(path).isEqualTo(415);
            assertThat(response.body()).as(path).contains("lang=\"fr\"").doesNotContain("Exception");
        }
        assertThat((System.nanoTime() - started) / 1_000_000).as("ms for both").isLessThan(2_000);

        long before = cpuNanosOfAllThreads();
        Thread.sleep(1_000);
        assertThat((cpuNanosOfAllThreads() - before) / 1_000_000).as("CPU ms used by the server while idle")
                .isLessThan(300);
    }

    @Test
    void otherCodings_areRefusedToo_andIdentityIsFine() throws Exception {
        for (String coding : new String[] {"deflate", "br", "zstd", "x-unknown", "gzip, gzip"}) {
            RawHttp.Response response = RawHttp.postForm("127.0.0.1", app.app().port(), "/admin/login",
                    Map.of("Content-Encoding", coding, "Origin", "http://127.0.0.1:" + app.app().port()), "a=b");
            assertThat(response.status()).as(coding).isEqualTo(415);
        }
        RawHttp.Response identity = RawHttp.postForm("127.0.0.1", app.app().port(), "/admin/login",
                Map.of("Content-Encoding", "identity", "Origin", "http://127.0.0.1:" + app.app().port()), "a=b");
        assertThat(identity.status()).isNotEqualTo(415).isLessThan(500);
    }

    private static long cpuNanosOfAllThreads() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return Arrays.stream(threads.getAllThreadIds()).map(threads::getThreadCpuTime).filter(t -> t > 0).sum();
    }
}
