package org.nightlight.xliff;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.App;
import org.nightlight.account.Actor;
import org.nightlight.testing.Rows;
import org.nightlight.testing.TestPostgres;

/**
 * Every reason to refuse a returned file, each with a crafted file: the whole file is refused with the reason
 * named and not one revision written. And what a partial file does.
 */
class XliffImportTest {

    @RegisterExtension
    static TestPostgres db = TestPostgres.withDemo();

    static App app;
    static XliffFixture fixture;
    static Actor translator;

    @BeforeAll
    static void open() {
        app = App.open(db.settings(Map.of("NIGHTLIGHT_DEMO", "true", "NIGHTLIGHT_DEMO_PASSWORD", "xliff-test-pass")));
        app.loadDemoIfWanted();
        fixture = new XliffFixture(app);
        translator = fixture.editorial.person("translator-fr");
    }

    @AfterAll
    static void close() {
        app.close();
    }

    /** A French "translation" that keeps every code and protected span: the other words are upper-cased. */
    static String french(String source) {
        return java.util.regex.Pattern.compile("(?<=^|>)(?<!translate=\"no\">)([^<]+)").matcher(source)
                .replaceAll(m -> java.util.regex.Matcher.quoteReplacement(m.group(1).toUpperCase(java.util.Locale.ROOT)));
    }

    @Test
    void aCompleteItem_becomesOneDraftAuthoredByTheTranslator() throws Exception {
        long item = fixture.newQuestion("Can a baby have ice?");
        String file = XliffFixture.translated(fixture.exported("fr"), item, XliffImportTest::french);

        XliffImport.Report report = importing(file, ImportChecks.NONE);

        assertThat(report.refusals()).isEmpty();
        assertThat(report.imported()).extracting(XliffImport.Entry::itemId).containsExactly(item);
        var draft = fixture.editorial.latest(item, "fr");
        assertThat(draft.text().title()).isEqualTo("CAN A BABY HAVE ICE?");
        assertThat(draft.text().body()).contains("**38 °C**", "[PARACETAMOL](https://www.nhs.uk/medicines/"
                + "paracetamol-for-children/)", "`aspirin`", "```\n111\n```", "- GIVE 2.5 ml OF");
        assertThat(draft.authorId()).isEqualTo(translator.userId());
    }

    @Test
    void aPartialFile_importsTheFinishedItems_andReportsTheRest() throws Exception {
        long done = fixture.newQuestion("Can a baby have honey?");
        long half = fixture.newQuestion("Can a baby have salt?");
        String file = XliffFixture.translated(fixture.exported("fr"), done, XliffImportTest::french);
        file = XliffFixture.translated(file, half, XliffImportTest::french);
        // one unit of the second item is still being worked on
        file = file.replaceFirst("(<unit id=\"i" + half + "-title\"[^>]*>\\s*<segment state=\")translated", "$1initial");

        XliffImport.Report report = importing(file, ImportChecks.NONE);

        assertThat(report.refusals()).isEmpty();
        assertThat(report.imported()).extracting(XliffImport.Entry::itemId).containsExactly(done);
        assertThat(report.incomplete()).anySatisfy(i -> {
            assertThat(i.itemId()).isEqualTo(half);
            assertThat(i.untranslated()).isEqualTo(1);
        });
        assertThat(app.services().queries().history(half, "fr")).isEmpty();
    }

    @Test
    void notXliff_isRefused() throws Exception {
        assertRefused("<html><body>hello</body></html>", "invalid", "not valid XLIFF 2");
        assertRefused("not xml at all", "invalid", "not well-formed XML");
    }

    @Test
    void aDocumentTypeDeclaration_isRefused_andNoEntityIsRead() throws Exception {
        String file = fixture.exported("fr").replaceFirst("<xliff ",
                "<!DOCTYPE xliff [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<xliff ");
        assertRefused(file, "invalid", "DOCTYPE");
    }

    @Test
    void aFileTheSchemaRefuses_isRefusedWithTheLine() throws Exception {
        long item = fixture.newQuestion("Can a baby have tea?");
        String file = XliffFixture.translated(fixture.exported("fr"), item, XliffImportTest::french)
                .replaceFirst("<segment state=\"translated\">", "<segment state=\"almost\">");
        assertRefused(file, "invalid", "line ");
    }

    @Test
    void sourceChangedSinceTheExport_isRefused() throws Exception {
        long item = fixture.newQuestion("Can a baby have juice?");
        String file = XliffFixture.translated(fixture.exported("fr"), item, XliffImportTest::french);
        fixture.editorial.publishSource(item, "Can a baby have juice?", XliffFixture.QUESTION_BODY + "\n\nNo.",
                org.nightlight.content.SourceChange.MINOR);
        assertRefused(file, "sourceChanged", "source text changed since the export");
    }

    @Test
    void theSourceEditedInTheFile_isRefused() throws Exception {
        long item = fixture.newQuestion("Can a baby have milk?");
        String file = XliffFixture.translated(fixture.exported("fr"), item, XliffImportTest::french)
                .replace("paracetamol-for-children/)</data>", "ibuprofen-for-children/)</data>");
        assertRefused(file, "sourceAltered", "is not the source that was exported");
    }

    @Test
    void aProtectedSpanChanged_isRefused() throws Exception {
        long item = fixture.newQuestion("Can a baby have water?");
        String file = XliffFixture.translated(fixture.exported("fr"), item,
                source -> french(source).replace("translate=\"no\">38 °C<", "translate=\"no\">39 °C<"));
        assertRefused(file, "protectedChanged", "\"38 °C\" was removed or changed");
    }

    @Test
    void aProtectedSpanUnmarked_isRefused() throws Exception {
        long item = fixture.newQuestion("Can a baby have rice?");
        String file = XliffFixture.translated(fixture.exported("fr"), item,
                source -> french(source).replaceAll("<mrk id=\"m1\" translate=\"no\">2.5 ml</mrk>", "2.5 ml"));
        assertRefused(file, "protectedChanged", "\"2.5 ml\"");
    }

    @Test
    void aRequiredCodeRemoved_isRefused() throws Exception {
        long item = fixture.newQuestion("Can a baby have soup?");
        // the link around "paracetamol" dropped, its word kept
        String file = XliffFixture.translated(fixture.exported("fr"), item,
                source -> french(source).replaceAll("<pc id=\"(c\\d+)\" dataRefStart=\"\\1s\" dataRefEnd=\"\\1e\""
                        + " canDelete=\"no\">PARACETAMOL</pc>", "PARACETAMOL"));
        assertRefused(file, "codeRemoved", "required code");
    }

    @Test
    void aCodePointedAtOtherMarkup_isRefused() throws Exception {
        long item = fixture.newQuestion("Can a baby have bread?");
        // the emphasis around "3 months" now closes with the strong emphasis' end
        String file = XliffFixture.translated(fixture.exported("fr"), item,
                source -> french(source).replaceFirst("dataRefEnd=\"c2e\"", "dataRefEnd=\"c1e\""));
        assertRefused(file, "codeAltered", "was added or changed");
    }

    @Test
    void aBlockingCheck_refusesTheFile() throws Exception {
        long item = fixture.newQuestion("Can a baby have eggs?");
        String file = XliffFixture.translated(fixture.exported("fr"), item, XliffImportTest::french);
        ImportChecks checks = (source, target, lang) -> target.body().contains("GIVE")
                ? List.of("\"GIVE\" is not French") : List.of();
        XliffImport.Report report = assertRefused(file, checks, "check", "\"GIVE\" is not French");
        assertThat(report.refusals().get(0).args()).contains(String.valueOf(item));
    }

    @Test
    void aTranslatorNotQualifiedForTheLanguage_isRefused() throws Exception {
        long item = fixture.newQuestion("Can a baby have fish?");
        String file = XliffFixture.translated(fixture.exported("fr"), item, XliffImportTest::french);
        long before = Rows.count(db, "revisions");
        XliffImport.Report report = fixture.importer(ImportChecks.NONE).importFile(file.getBytes(UTF_8),
                fixture.editorial.person("translator-es"));
        assertThat(report.refusals()).extracting(Problem::key).contains("xliff.problem.notAllowed");
        assertThat(Rows.count(db, "revisions")).isEqualTo(before);
    }

    private XliffImport.Report importing(String file, ImportChecks checks) {
        return fixture.importer(checks).importFile(file.getBytes(UTF_8), translator);
    }

    private XliffImport.Report assertRefused(String file, String code, String words) throws Exception {
        return assertRefused(file, ImportChecks.NONE, code, words);
    }

    private XliffImport.Report assertRefused(String file, ImportChecks checks, String code, String words)
            throws Exception {
        long before = Rows.count(db, "revisions");
        XliffImport.Report report = importing(file, checks);
        assertThat(report.refused()).isTrue();
        assertThat(report.refusals()).anySatisfy(p -> {
            assertThat(p.key()).isEqualTo("xliff.problem." + code);
            assertThat(p.english()).contains(words);
        });
        assertThat(report.imported()).isEmpty();
        assertThat(Rows.count(db, "revisions")).isEqualTo(before);
        return report;
    }
}
