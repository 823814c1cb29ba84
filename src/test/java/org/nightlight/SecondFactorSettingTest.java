package org.nightlight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nightlight.account.SecondFactorMode;

/** NIGHTLIGHT_SECOND_FACTOR: staff by default, optional for the demo, all or optional when set. */
class SecondFactorSettingTest {

    static final String DB_URL = "jdbc:postgresql://db.example:5432/nightlight";

    @Test
    void staffMustUseASecondFactor_byDefault() {
        assertThat(Settings.from(Map.of("NIGHTLIGHT_DB_URL", DB_URL)).secondFactor())
                .isEqualTo(SecondFactorMode.STAFF);
    }

    @Test
    void theDemo_letsItsAccountsSignInWithThePasswordAlone_unlessSetOtherwise() {
        assertThat(Settings.from(Map.of()).secondFactor()).isEqualTo(SecondFactorMode.OPTIONAL);
        assertThat(Settings.from(Map.of("NIGHTLIGHT_DB_URL", DB_URL, "NIGHTLIGHT_DEMO", "true")).secondFactor())
                .isEqualTo(SecondFactorMode.OPTIONAL);
        assertThat(Settings.from(Map.of("NIGHTLIGHT_SECOND_FACTOR", "staff")).secondFactor())
                .isEqualTo(SecondFactorMode.STAFF);
    }

    @Test
    void everyoneOrNobody_whenSet_inAnyCase() {
        assertThat(Settings.from(Map.of("NIGHTLIGHT_DB_URL", DB_URL, "NIGHTLIGHT_SECOND_FACTOR", " All "))
                .secondFactor()).isEqualTo(SecondFactorMode.ALL);
        assertThat(Settings.from(Map.of("NIGHTLIGHT_DB_URL", DB_URL, "NIGHTLIGHT_SECOND_FACTOR", "optional"))
                .secondFactor()).isEqualTo(SecondFactorMode.OPTIONAL);
    }

    @Test
    void anUnknownValue_isRefusedByName() {
        assertThatThrownBy(() -> Settings.from(Map.of("NIGHTLIGHT_SECOND_FACTOR", "sometimes")))
                .isInstanceOf(Settings.InvalidSetting.class)
                .hasMessageContaining("NIGHTLIGHT_SECOND_FACTOR=sometimes")
                .hasMessageContaining("staff, all or optional");
    }
}
