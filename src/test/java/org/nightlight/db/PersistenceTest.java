package org.nightlight.db;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import org.junit.jupiter.api.Test;

/**
 * Hibernate makes no classes at start (NoRuntimeBytecode): every entity must be enhanced by the build, and one that
 * is not fails the start (every test that opens the app checks the app's own).
 */
class PersistenceTest {

    /** Not enhanced: the enhancer runs on the main classes only. */
    @Entity
    static class Unenhanced {
        @Id
        Long id;
    }

    @Test
    void anEntityTheBuildDidNotEnhance_failsTheStartAtOnce() {
        // before any connection is asked for: the data source is never used
        assertThatThrownBy(() -> Persistence.sessionFactory(null, Unenhanced.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(Unenhanced.class.getName() + " is not enhanced");
    }
}
