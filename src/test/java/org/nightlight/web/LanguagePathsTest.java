package org.nightlight.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The public addresses the page cache may keep: the same language tags as the public resources' paths. */
class LanguagePathsTest {

    @ParameterizedTest
    @CsvSource({
        "/en, true", "/en/, true", "/pt-BR/x/y, true", "/ast/, true", "/zh-Hant-TW/, true", "/sitemap.xml, true",
        "/ar/%D8%A7%D9%84%D9%86%D9%88%D9%85/x?y, true", "/en-abcdefgh/, true",
        "/, false", "/e/, false", "/engl/, false", "/EN/, false", "/en-x/, false", "/en-abcdefghi/, false",
        "/en_US/, false", "/en-/, false", "/enx, true", "/admin, false", "/language, false", "/static/a.css, false",
        "//en/, false", "en/, false", "/sitemap.xml/x, false"})
    void aPath_isPublic_whenItStartsWithALanguageTag(String path, boolean expected) {
        assertThat(LanguagePaths.isPublic(path)).as(path).isEqualTo(expected);
        String regex = "/sitemap\\.xml|/[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*(?:/.*)?";
        assertThat(path.matches(regex)).as("the rule this replaced, for " + path).isEqualTo(expected);
    }
}
