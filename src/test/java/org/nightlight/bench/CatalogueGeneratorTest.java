package org.nightlight.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.App;
import org.nightlight.testing.TestPostgres;

/** The benchmark catalogue goes through the real workflow: every text published, signed off, in 8 languages. */
class CatalogueGeneratorTest {

    @RegisterExtension
    static TestPostgres db = new TestPostgres();

    @Test
    void aSmallCatalogue_isPublishedInEveryLanguage_withEveryTextSignedOff() throws Exception {
        try (App app = App.open(db.settings())) {
            long made = new CatalogueGenerator(app, 8).generate(2, 3, 2, false);
            assertThat(made).isEqualTo(2 * (1 + 3) * 8);
        }
        try (Connection c = db.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("""
                        select count(*), count(distinct p.language_code),
                               count(*) filter (where exists (select 1 from reviews r where r.revision_id = p.revision_id
                                   and r.kind = 'MEDICAL' and r.decision = 'APPROVED')),
                               count(*) filter (where l.direction = 'rtl')
                        from publications p join languages l on l.code = p.language_code
                        where p.ended_at is null and p.withdrawn_at is null""")) {
            rs.next();
            assertThat(rs.getLong(1)).as("live texts").isEqualTo(64);
            assertThat(rs.getLong(2)).as("languages").isEqualTo(8);
            assertThat(rs.getLong(3)).as("signed off").isEqualTo(64);
            assertThat(rs.getLong(4)).as("right-to-left").isEqualTo(16);
        }
    }
}
