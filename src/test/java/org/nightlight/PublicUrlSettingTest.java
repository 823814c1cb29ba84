package org.nightlight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PublicUrlSettingTest {

    @Test
    void unset_meansTheAddressOfEachRequest() {
        assertThat(Settings.from(Map.of()).publicUrl()).isEmpty();
        assertThat(Settings.from(Map.of("NIGHTLIGHT_PUBLIC_URL", "  ")).publicUrl()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"https://nightlight.example.org, https://nightlight.example.org",
        "https://nightlight.example.org/, https://nightlight.example.org",
        "HTTP://Example.ORG:8080/, http://example.org:8080"})
    void anOrigin_isKeptWithoutTrailingSlash(String value, String expected) {
        assertThat(Settings.from(Map.of("NIGHTLIGHT_PUBLIC_URL", value)).publicUrl()).hasValue(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nightlight.example.org", "ftp://example.org", "https://example.org/path",
        "https://example.org?x=1", "https://user@example.org", "javascript:alert(1)", "https://exa mple.org"})
    void anythingButAnOrigin_isRefusedWithTheVariableNamed(String value) {
        assertThatThrownBy(() -> Settings.from(Map.of("NIGHTLIGHT_PUBLIC_URL", value)))
                .isInstanceOf(Settings.InvalidSetting.class).hasMessageContaining("NIGHTLIGHT_PUBLIC_URL");
    }

    @Test
    void allowedHosts_default_toLoopbackAndTheBindAddress_andAreNotNeededWithAPublicUrl() {
        assertThat(Settings.from(Map.of()).allowedHosts()).containsExactlyInAnyOrder("localhost", "127.0.0.1", "::1");
        assertThat(Settings.from(Map.of("NIGHTLIGHT_BIND", "10.0.0.7")).allowedHosts()).contains("10.0.0.7");
        assertThat(Settings.from(Map.of("NIGHTLIGHT_ALLOWED_HOSTS", " Nightlight.Example.ORG, [2001:db8::1] "))
                .allowedHosts()).containsExactlyInAnyOrder("nightlight.example.org", "2001:db8::1", "localhost",
                        "127.0.0.1", "::1");
        assertThat(Settings.from(Map.of("NIGHTLIGHT_PUBLIC_URL", "https://example.org")).allowedHosts()).isEmpty();
        assertThatThrownBy(() -> Settings.from(Map.of("NIGHTLIGHT_ALLOWED_HOSTS", "evil.example/path")))
                .isInstanceOf(Settings.InvalidSetting.class).hasMessageContaining("NIGHTLIGHT_ALLOWED_HOSTS");
    }
}
