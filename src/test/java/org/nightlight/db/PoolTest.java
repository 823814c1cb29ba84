package org.nightlight.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.Settings;
import org.nightlight.testing.TestPostgres;

/** The settings every connection of the server's pool starts with (Database.pool). */
class PoolTest {

    @RegisterExtension
    static TestPostgres db = new TestPostgres();

    @Test
    void connections_compileNoQueries_andAreSentNoNotices() throws Exception {
        Settings settings = db.settings();
        try (var pool = Database.pool(settings.dbUrl().orElseThrow(), settings.dbUser(), settings.dbPassword());
                var c = pool.getConnection();
                var st = c.createStatement()) {
            try (var rs = st.executeQuery("select current_setting('jit')")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("off");
            }
            // a text query without a word: PostgreSQL's NOTICE would arrive as an SQLWarning
            st.executeQuery("select plainto_tsquery('english', '')").close();
            assertThat((Object) st.getWarnings()).isNull();
            assertThat((Object) c.getWarnings()).isNull();
        }
    }
}
