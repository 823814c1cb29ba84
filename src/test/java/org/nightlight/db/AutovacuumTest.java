package org.nightlight.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The start-up warning names the setting that is off; ServerRoleTest checks it against a real server. */
class AutovacuumTest {

    @Test
    void noWarning_whenAutovacuumAndItsStatisticsAreOn() {
        assertThat(Autovacuum.warning(true, true)).isEmpty();
    }

    @Test
    void theWarning_namesTheSettingThatIsOff_andHowToFixIt() {
        assertThat(Autovacuum.warning(false, true)).get().asString()
                .startsWith("PostgreSQL's autovacuum is off").contains("vacuum and analyze on a schedule");
        assertThat(Autovacuum.warning(true, false)).get().asString().startsWith("PostgreSQL's track_counts is off");
        assertThat(Autovacuum.warning(false, false)).get().asString().startsWith("PostgreSQL's autovacuum is off");
    }
}
