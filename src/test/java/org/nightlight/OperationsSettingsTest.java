package org.nightlight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** NIGHTLIGHT_METRICS_FROM and NIGHTLIGHT_LOG_FORMAT: defaults, and values refused at start with their name. */
class OperationsSettingsTest {

    @Test
    void metricsFrom_isLoopbackByDefault_andTakesAddressesAndRanges() {
        assertThat(Settings.from(Map.of()).metricsFrom()).containsExactly("127.0.0.0/8", "::1");
        assertThat(Settings.from(Map.of("NIGHTLIGHT_METRICS_FROM", "10.0.0.0/8, 192.0.2.7,fd00::/8")).metricsFrom())
                .containsExactly("10.0.0.0/8", "192.0.2.7", "fd00::/8");
    }

    @Test
    void metricsFrom_refusesNamesAndNonsense() {
        for (String bad : new String[] {"prometheus.example.org", "10.0.0.0/8;rm", "0.0.0.0/x", "10.0.0.0/99", ","}) {
            assertThatThrownBy(() -> Settings.from(Map.of("NIGHTLIGHT_METRICS_FROM", bad))).as(bad)
                    .isInstanceOf(Settings.InvalidSetting.class).hasMessageStartingWith("NIGHTLIGHT_METRICS_FROM=");
        }
    }

    @Test
    void logFormat_isTextOrJson() {
        Settings.from(Map.of("NIGHTLIGHT_LOG_FORMAT", "json"));
        Settings.from(Map.of("NIGHTLIGHT_LOG_FORMAT", "text"));
        for (String bad : new String[] {"xml", "JSON", " json"}) {
            assertThatThrownBy(() -> Settings.from(Map.of("NIGHTLIGHT_LOG_FORMAT", bad))).as(bad)
                    .isInstanceOf(Settings.InvalidSetting.class).hasMessageContaining("text, json");
        }
    }
}
