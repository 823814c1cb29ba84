package org.nightlight.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AcceptLanguageTest {

    private static final List<String> PUBLIC = List.of("en", "es", "fr", "ar", "pt", "zh-Hant", "zh-Hans");

    private static String negotiate(String header) {
        return AcceptLanguage.negotiate(header, PUBLIC, "en");
    }

    @Test
    void noHeader_isTheSourceLanguage() {
        assertThat(negotiate(null)).isEqualTo("en");
        assertThat(negotiate("")).isEqualTo("en");
    }

    @Test
    void theRangeWithTheHighestQuality_wins_whateverItsPosition() {
        assertThat(negotiate("fr;q=0.4, ar;q=0.9, es;q=0.5")).isEqualTo("ar");
        assertThat(negotiate("de, fr;q=0.2, es;q=0.3")).isEqualTo("es");
    }

    @Test
    void equalQualities_keepTheVisitorsOrder() {
        assertThat(negotiate("es;q=0.5, fr;q=0.5")).isEqualTo("es");
        assertThat(negotiate("fr, es")).isEqualTo("fr");
    }

    @Test
    void qualityZero_meansNotAcceptable() {
        assertThat(negotiate("ar;q=0, fr;q=0.1")).isEqualTo("fr");
        assertThat(negotiate("ar;q=0.000")).isEqualTo("en");
    }

    @ParameterizedTest
    @CsvSource({"pt-BR, pt", "ar-EG, ar", "es-419, es", "fr-CA;q=0.8, fr", "AR-eg, ar"})
    void aRegionalVariant_fallsBackToItsLanguage(String header, String expected) {
        assertThat(negotiate(header)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"zh-Hant, zh-Hant", "zh-Hant-TW, zh-Hant", "zh-TW, zh-Hant", "zh-HK, zh-Hant", "zh-CN, zh-Hans",
        "zh-hans-sg, zh-Hans"})
    void aScriptOrAScriptRegion_findsThatScript(String header, String expected) {
        assertThat(negotiate(header)).isEqualTo(expected);
    }

    @Test
    void aBareLanguage_findsAPublicVariantOfIt() {
        assertThat(negotiate("zh")).isEqualTo("zh-Hant");
        assertThat(AcceptLanguage.negotiate("zh-Hant", List.of("en", "zh"), "en")).isEqualTo("zh");
    }

    @Test
    void theWildcard_isTheSourceLanguage_butOnlyWhereItRanks() {
        assertThat(negotiate("*")).isEqualTo("en");
        assertThat(negotiate("de, *;q=0.5, ar;q=0.4")).isEqualTo("en");
        assertThat(negotiate("ar, *;q=0.1")).isEqualTo("ar");
    }

    @Test
    void unknownLanguagesOnly_areTheSourceLanguage() {
        assertThat(negotiate("de-DE, de;q=0.9, ja;q=0.8")).isEqualTo("en");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ar;q=abc", "ar;q=1.5", "ar;q=0.5555", "ar;level=1", "ar,,<script>", "123",
        "ar;q=0.9, fr;;", "ar-", "ar--EG", "toolonglanguage", "ar, \u00e9s", "ar;q=-1"})
    void aMalformedHeader_isIgnoredAsAWhole(String header) {
        assertThat(negotiate(header)).isEqualTo("en");
    }

    @Test
    void anAbsurdlyLongHeader_isIgnored() {
        assertThat(negotiate("ar," + "de,".repeat(400))).isEqualTo("en");
    }

    @Test
    void emptyListElementsAndSpacing_areTolerated() {
        assertThat(negotiate(" ,  ar ; q=0.7 ,")).isEqualTo("ar");
        assertThat(negotiate("ar;Q=0.7")).isEqualTo("ar");
    }
}
