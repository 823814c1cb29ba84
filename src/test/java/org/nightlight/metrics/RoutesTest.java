package org.nightlight.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every path gets one route of a fixed set, the same that the public site's addresses have. */
class RoutesTest {

    @ParameterizedTest
    @CsvSource({
        "/, home", "/en, home", "/en/, home", "/pt-BR/, home", "/ab-search, home",
        "/en/search, search", "/en/search/, topic",
        "/en/sleep, topic", "/en/sleep/, topic", "/ar/%D8%A7%D9%84%D9%86%D9%88%D9%85/, topic",
        "/en/sleep/why, question", "/en/sleep/why/feedback, feedback",
        "/en/sleep/why/, other", "/en//why, other", "//, other", "/en//, other", "/en/sleep//feedback, other",
        "/en/sleep/why/feedback/, other", "/english/x, other", "/EN/x, other", "/en-x/foo, other",
        "/metrics, metrics", "/health, health", "/language, language", "/sitemap.xml, sitemap",
        "/robots.txt, sitemap", "/static/site.css, static", "/admin, admin", "/admin/items/3, admin",
        "/x.php, other"})
    void aPath_hasItsRoute(String path, String route) {
        assertThat(Routes.of(path)).as(path).isEqualTo(route);
    }
}
