package org.nightlight.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** The connection pool and the schema migrations; nothing else touches JDBC set-up. */
public final class Database {

    private Database() {
    }

    public static HikariDataSource pool(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setPoolName("nightlight");
        config.setMaximumPoolSize(10);
        config.setConnectionTimeout(5_000);
        // Short OLTP queries only: on tables without statistics yet (a new or small database) the planner's
        // estimates make PostgreSQL JIT-compile them, which cost ~0.5 s per admin page for a 1 ms query.
        config.addDataSourceProperty("options", "-c jit=off");
        // Fail at start with a clear message rather than at the first request.
        config.setInitializationFailTimeout(10_000);
        return new HikariDataSource(config);
    }

    /** Brings the schema up to date from db/migrations (packaged in the jar). */
    public static MigrateResult migrate(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migrations")
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }
}
