package org.nightlight.xliff;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.nightlight.App;
import org.nightlight.testing.TestPostgres;

/** The xliff-export and xliff-import commands, on a demo database. */
class XliffCommandTest {

    @RegisterExtension
    static TestPostgres db = TestPostgres.withDemo();

    static App app;
    static XliffFixture fixture;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void open() {
        app = App.open(db.settings(Map.of("NIGHTLIGHT_DEMO", "true", "NIGHTLIGHT_DEMO_PASSWORD", "xliff-test-pass")));
        app.loadDemoIfWanted();
        fixture = new XliffFixture(app);
    }

    @AfterAll
    static void close() {
        app.close();
    }

    @Test
    void exportThenImport_writesTheFile_andTakesItBackAsDrafts() throws Exception {
        Path exported = dir.resolve("fr.xlf");
        assertThat(run("xliff-export", "--language", "fr", "--out", exported.toString())).isZero();
        assertThat(out.toString(UTF_8)).contains("Wrote " + exported, "to translate into fr");
        String xml = Files.readString(exported);
        assertThat(xml).contains("<mda:meta type=\"item\">" + fixture.questionId + "</mda:meta>");

        Path back = dir.resolve("fr-back.xlf");
        Files.writeString(back, XliffFixture.translated(xml, fixture.questionId, XliffImportTest::french));
        out.reset();
        assertThat(run("xliff-import", "--file", back.toString(), "--as", "translator-fr")).isZero();
        assertThat(out.toString(UTF_8)).contains("New draft: item " + fixture.questionId,
                "1 imported, 0 unchanged");

        out.reset();
        assertThat(run("xliff-import", "--file", back.toString(), "--as", "translator-fr")).isZero();
        assertThat(out.toString(UTF_8)).contains("0 imported, 1 unchanged");
    }

    @Test
    void aRefusedFile_exitsOne_andSaysWhy() throws Exception {
        Path bad = dir.resolve("bad.xlf");
        Files.writeString(bad, "<xliff/>");
        assertThat(run("xliff-import", "--file", bad.toString(), "--as", "translator-fr")).isEqualTo(1);
        assertThat(err.toString(UTF_8)).contains("Import refused, nothing was imported:", "not valid XLIFF 2");
    }

    @Test
    void anUnknownLanguageOrUser_exitsOne() throws Exception {
        assertThat(run("xliff-export", "--language", "en", "--out", dir.resolve("x.xlf").toString())).isEqualTo(1);
        assertThat(err.toString(UTF_8)).contains("'en' is not a language to translate into");
        Path file = dir.resolve("f.xlf");
        Files.writeString(file, "<xliff/>");
        assertThat(run("xliff-import", "--file", file.toString(), "--as", "nobody")).isEqualTo(1);
        assertThat(err.toString(UTF_8)).contains("there is no user 'nobody'");
    }

    @Test
    void badArguments_exitTwo_withoutOpeningTheDatabase() {
        Supplier<XliffCommand.Services> never = () -> {
            throw new AssertionError("opened the database");
        };
        assertThat(XliffCommand.run(new String[] {"xliff-export", "--language", "fr"}, never, print(out), print(err)))
                .isEqualTo(2);
        assertThat(XliffCommand.run(new String[] {"xliff-import", "--file"}, never, print(out), print(err)))
                .isEqualTo(2);
        assertThat(XliffCommand.run(new String[] {"xliff-import", "--file", "a", "--as", "b", "--x", "y"}, never,
                print(out), print(err))).isEqualTo(2);
        assertThat(err.toString(UTF_8)).contains("Usage: xliff-export --language CODE --out FILE");
        assertThat(XliffCommand.run(new String[] {"xliff-import", "--file", dir.resolve("none.xlf").toString(),
                "--as", "translator-fr"}, never, print(out), print(err))).isEqualTo(1);
        assertThat(err.toString(UTF_8)).contains("does not exist");
    }

    private int run(String... args) {
        var s = app.services();
        return XliffCommand.run(args, () -> new XliffCommand.Services(s.accounts(), XliffExchange.of(s.workflow(),
                s.queries(), s.accounts(), s.languages(), s.glossary()), () -> { }), print(out), print(err));
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, UTF_8);
    }
}
