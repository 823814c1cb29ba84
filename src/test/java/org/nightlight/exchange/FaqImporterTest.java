package org.nightlight.exchange;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.App;
import org.nightlight.testing.Rows;
import org.nightlight.testing.TestPostgres;
import org.nightlight.web.Markdown;

/** The importer on real PostgreSQL: what an import of the seed FAQ leaves in the database. */
class FaqImporterTest {

    private static final String TOPIC = "Benign neonatal sleep myoclonus";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-15T10:00:00Z"), ZoneOffset.UTC);

    @RegisterExtension
    static TestPostgres db = new TestPostgres();

    static App app;
    static FaqImporter importer;
    /** Every imported text has an author, an editor. */
    static org.nightlight.account.Actor editor;

    @BeforeAll
    static void open() {
        app = App.open(db.settings());
        importer = new FaqImporter(app.sessions(), CLOCK, new org.nightlight.audit.AuditLog(CLOCK));
        editor = org.nightlight.account.Actor.of(app.services().accounts().createSystemUser(
                new org.nightlight.account.Accounts.NewUser("editor", "Eve Editor", "", null,
                        java.util.Set.of(org.nightlight.account.Role.EDITOR), java.util.Set.of(), false)));
    }

    @AfterAll
    static void close() {
        app.close();
    }

    @BeforeEach
    void empty() throws Exception {
        Rows.clearContent(db);
    }

    @Test
    void import_realSeed_createsOneTopicWithFourteenQuestionsInFileOrder() throws Exception {
        FaqImporter.Report report = importer.importFaq(FaqParser.parse(seed()), "en", TOPIC, editor);

        assertThat(report.topicCreated()).isTrue();
        assertThat(report.created()).hasSize(14);
        assertThat(Rows.strings(db, "select kind from content_items where kind = 'TOPIC'")).hasSize(1);
        assertThat(Rows.strings(db, """
                select r.title from content_items t join revisions r on r.item_id = t.id
                where t.kind = 'TOPIC'""")).containsExactly(TOPIC);
        assertThat(Rows.strings(db, """
                select r.title from content_items q join revisions r on r.item_id = q.id
                where q.kind = 'QUESTION' and q.topic_id = %d order by q.position""".formatted(report.topicId())))
                .containsExactly(
                        "What is baby sleep myoclonus?",
                        "Why does sleep myoclonus occur?",
                        "When does sleep myoclonus stop?",
                        "Is sleep myoclonus a seizure?",
                        "Do kids grow out of sleep myoclonus?",
                        "Is sleep myoclonus bad?",
                        "What does sleep myoclonus look like?",
                        "Do babies grow out of myoclonus?",
                        "How do you treat myoclonus naturally?",
                        "How do you prevent benign sleep myoclonus?",
                        "Is it normal for babies to twitch in their sleep?",
                        "How do you treat sleep myoclonus?",
                        "Will myoclonic jerks go away?",
                        "Why does my baby wake up crying in his sleep?");
        assertThat(Rows.strings(db, "select position from content_items where kind = 'QUESTION' order by position"))
                .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14");
        assertThat(Rows.strings(db, "select slug from revisions where item_id = " + report.topicId()))
                .containsExactly("benign-neonatal-sleep-myoclonus");
    }

    @Test
    void import_realSeed_dropsTheJunkLinesAndReportsThem() throws Exception {
        FaqImporter.Report report = importer.importFaq(FaqParser.parse(seed()), "en", TOPIC, editor);

        assertThat(report.dropped()).extracting(DroppedLine::text).containsExactly(
                "IT IS INTERESTING: How do you know if your baby is starving?",
                "IT IS INTERESTING: How many days does homemade baby food last?");
        assertThat(Rows.count(db, "revisions where title ilike '%IT IS INTERESTING%'"
                + " or body ilike '%IT IS INTERESTING%' or title ilike '%starving%' or body ilike '%homemade%'"))
                .isZero();
    }

    @Test
    void import_realSeed_treatmentAnswerKeepsItsNumberedList() throws Exception {
        importer.importFaq(FaqParser.parse(seed()), "en", TOPIC, editor);

        String body = Rows.strings(db, "select body from revisions where title = 'How do you treat sleep myoclonus?'")
                .get(0);
        Document rendered = Jsoup.parseBodyFragment(new Markdown().toHtml(body));
        assertThat(rendered.select("p").first().text())
                .isEqualTo("Examples of medication that can help treat sleep myoclonus include :");
        assertThat(rendered.select("ol > li").eachText()).containsExactly(
                "antiseizure and anticonvulsant medications, such as clonazepam (Klonopin), phenytoin (Dilantin),"
                        + " and levetiracetam (Keppra)",
                "sedatives, such as barbiturates.",
                "5-hydroxytryptophan, an amino acid in serotonin.",
                "botulinum toxin (Botox)");
    }

    @Test
    void import_sameFileTwice_changesNothing() throws Exception {
        importer.importFaq(FaqParser.parse(seed()), "en", TOPIC, editor);
        long items = Rows.count(db, "content_items");
        long revisions = Rows.count(db, "revisions");

        FaqImporter.Report again = importer.importFaq(FaqParser.parse(seed()), "en", TOPIC, editor);

        assertThat(again.changedNothing()).isTrue();
        assertThat(again.topicCreated()).isFalse();
        assertThat(again.unchanged()).hasSize(14);
        assertThat(Rows.count(db, "content_items")).isEqualTo(items).isEqualTo(15);
        assertThat(Rows.count(db, "revisions")).isEqualTo(revisions).isEqualTo(15);
    }

    @Test
    void import_changedAnswer_addsRevisionTwoForThatQuestionOnly() throws Exception {
        importer.importFaq(FaqParser.parse(seed()), "en", TOPIC, editor);
        String edited = new String(seed(), UTF_8).replace("resolved in most cases by 3 months of age.",
                "resolved in most cases by 4 months of age.");

        FaqImporter.Report report = importer.importFaq(FaqParser.parse(edited.getBytes(UTF_8)), "en", TOPIC, editor);

        assertThat(report.changedNothing()).isFalse();
        assertThat(report.updated()).containsExactly("When does sleep myoclonus stop?");
        assertThat(report.created()).isEmpty();
        assertThat(Rows.count(db, "content_items")).isEqualTo(15);
        assertThat(Rows.strings(db, "select title || ' #' || number from revisions where number > 1"))
                .containsExactly("When does sleep myoclonus stop? #2");
        assertThat(Rows.strings(db, """
                select body from revisions where title = 'When does sleep myoclonus stop?' order by number"""))
                .satisfiesExactly(
                        first -> assertThat(first).endsWith("by 3 months of age."),
                        second -> assertThat(second).endsWith("by 4 months of age."));
    }

    @Test
    void import_inALanguageThatIsNotTheSource_isRefusedAndWritesNothing() throws Exception {
        Rows.execute(db, "insert into languages (code, native_name, english_name, is_public)"
                + " values ('es', 'Español', 'Spanish', true)");

        assertThatThrownBy(() -> importer.importFaq(FaqParser.parse(seed()), "es", TOPIC, editor))
                .isInstanceOf(FaqFormatException.class)
                .hasMessageContaining("'es' is not the source language");
        assertThat(Rows.count(db, "content_items")).isZero();
        assertThat(Rows.count(db, "revisions")).isZero();
    }

    @Test
    void import_inAnUnknownLanguage_isRefusedAndWritesNothing() throws Exception {
        assertThatThrownBy(() -> importer.importFaq(FaqParser.parse(seed()), "xx", TOPIC, editor))
                .isInstanceOf(FaqFormatException.class)
                .hasMessage("The language 'xx' does not exist.");
        assertThat(Rows.count(db, "content_items")).isZero();
    }

    @Test
    void import_withoutAnyTitle_isRefusedAndWritesNothing() throws Exception {
        assertThatThrownBy(() -> importer.importFaq(FaqParser.parse(seed()), "en", null, editor))
                .isInstanceOf(FaqFormatException.class)
                .hasMessageContaining("--topic");
        assertThat(Rows.count(db, "content_items")).isZero();
    }

    @Test
    void import_badFile_isRefusedBeforeAnythingIsWritten() throws Exception {
        // Thirteen good questions, then one without an answer: none of the good ones may be imported.
        String seed = new String(seed(), UTF_8);
        String broken = seed.substring(0, seed.indexOf("Why does my baby wake up crying")) + "Is this the end?\n";

        assertThatThrownBy(() -> importer.importFaq(FaqParser.parse(broken.getBytes(UTF_8)), "en", TOPIC, editor))
                .isInstanceOf(FaqFormatException.class)
                .hasMessageContaining("has no answer");
        assertThat(Rows.count(db, "content_items")).isZero();
        assertThat(Rows.count(db, "revisions")).isZero();
    }

    @Test
    void import_seedWithBomAndCrlf_matchesThePlainImport() throws Exception {
        importer.importFaq(FaqParser.parse(seed()), "en", TOPIC, editor);
        String windows = "\uFEFF" + new String(seed(), UTF_8).replace("\n", "\r\n");

        FaqImporter.Report report = importer.importFaq(FaqParser.parse(windows.getBytes(UTF_8)), "en", TOPIC, editor);

        assertThat(report.changedNothing()).isTrue();
        assertThat(Rows.count(db, "revisions")).isEqualTo(15);
    }

    static byte[] seed() throws IOException {
        try (InputStream in = FaqImporterTest.class.getResourceAsStream("/demo/bnsm-faq.txt")) {
            assertThat(in).as("the seed on the classpath").isNotNull();
            return in.readAllBytes();
        }
    }
}
