package org.nightlight.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nightlight.testing.StoppablePostgres;

/** A circuit breaker in front of the pool: one wait for the pool's timeout, then failures at once, and back by itself. */
class FailFastDataSourceTest {

    @TempDir
    Path dataDir;

    @Test
    void afterOneFailedConnection_callersFailAtOnce_andItClosesWhenPostgresIsBack() throws Exception {
        try (StoppablePostgres postgres = new StoppablePostgres(dataDir.resolve("pg"));
                HikariDataSource pool = Database.pool(postgres.jdbcUrl(), "outage_server", "outage");
                FailFastDataSource database = new FailFastDataSource(pool)) {
            try (Connection c = database.getConnection()) {
                assertThat(c.isValid(1)).isTrue();
            }
            postgres.stop();

            // the pool may still hand out an idle connection used moments ago, unchecked: it is dead
            long started = System.nanoTime();
            for (int i = 0; i < 20 && !database.open(); i++) {
                started = System.nanoTime();
                try (Connection c = database.getConnection()) {
                    assertThat(c.isValid(1)).isFalse();
                } catch (java.sql.SQLException e) {
                    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the first failure waits for the pool")
                            .isLessThan(Duration.ofMillis(1_500));
                }
            }
            assertThat(database.open()).isTrue();

            started = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                assertThatThrownBy(database::getConnection).isInstanceOf(SQLTransientConnectionException.class)
                        .extracting(e -> ((SQLTransientConnectionException) e).getSQLState()).isEqualTo("08001");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("100 callers while open")
                    .isLessThan(Duration.ofMillis(300));

            postgres.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            boolean back = false;
            while (!back && System.nanoTime() < deadline) {
                try (Connection c = database.getConnection()) {
                    back = c.isValid(1);
                } catch (java.sql.SQLException e) {
                    Thread.sleep(100);
                }
            }
            assertThat(back).as("recovered by itself").isTrue();
            assertThat(database.open()).isFalse();
        }
    }
}
