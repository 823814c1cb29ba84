package org.nightlight.exchange;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.nightlight.App;
import org.nightlight.account.Accounts.NewUser;
import org.nightlight.account.Role;
import java.util.Set;
import org.nightlight.testing.Rows;
import org.nightlight.testing.TestPostgres;

/** {@code import FILE --language CODE}: what the operator reads and the exit code, against real PostgreSQL. */
class ImportCommandTest {

    private static final String USAGE = "Usage: import FILE --language CODE [--topic TITLE]";

    @RegisterExtension
    static TestPostgres db = new TestPostgres();

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void migrate() {
        // The refusal tests count rows, so the tables must exist even if no import ever succeeds.
        try (App app = App.open(db.settings())) {
            app.services().accounts().createSystemUser(new NewUser("editor", "Eve Editor", "", null,
                    Set.of(Role.EDITOR), Set.of(), false));
            app.services().accounts().createSystemUser(new NewUser("clinician", "Dr Clara Clinician", "", null,
                    Set.of(Role.CLINICIAN), Set.of(), false));
        }
    }

    @BeforeEach
    void empty() throws Exception {
        Rows.clearContent(db);
    }

    @Test
    void import_seed_printsWhatItCreatedAndTheDroppedJunk() throws Exception {
        Path file = write("bnsm-faq.txt", FaqImporterTest.seed());

        int exit = run(file.toString(), "--language", "en", "--as", "editor", "--topic", "Benign neonatal sleep myoclonus");

        assertThat(exit).as(err()).isZero();
        assertThat(out()).contains(
                "Created topic ",
                "Dropped line 21 (scraper junk): IT IS INTERESTING: How do you know if your baby is starving?",
                "Dropped line 47 (scraper junk): IT IS INTERESTING: How many days does homemade baby food last?",
                "Created: What is baby sleep myoclonus?",
                "Created: Why does my baby wake up crying in his sleep?",
                "14 created, 0 updated, 0 unchanged.");
        assertThat(out()).doesNotContain("nothing to do");
        assertThat(err()).isEmpty();
        assertThat(Rows.strings(db, "select title from revisions r join content_items i on i.id = r.item_id"
                + " where i.kind = 'TOPIC'")).containsExactly("Benign neonatal sleep myoclonus");
        assertThat(Rows.count(db, "content_items")).isEqualTo(15);
    }

    @Test
    void import_sameFileTwice_secondRunSaysNothingToDo() throws Exception {
        Path file = write("bnsm-faq.txt", FaqImporterTest.seed());
        assertThat(run(file.toString(), "--language", "en", "--as", "editor")).isZero();
        out.reset();

        int exit = run(file.toString(), "--language", "en", "--as", "editor");

        assertThat(exit).as(err()).isZero();
        assertThat(out()).contains("0 created, 0 updated, 14 unchanged (nothing to do).")
                .doesNotContain("Created");
        assertThat(Rows.count(db, "content_items")).isEqualTo(15);
        assertThat(Rows.count(db, "revisions")).isEqualTo(15);
    }

    @Test
    void import_withoutTopicOrTitleLine_namesTheTopicAfterTheFile() throws Exception {
        Path file = write("bnsm-faq.txt", FaqImporterTest.seed());

        assertThat(run(file.toString(), "--language", "en", "--as", "editor")).as(err()).isZero();

        assertThat(Rows.strings(db, "select title from revisions r join content_items i on i.id = r.item_id"
                + " where i.kind = 'TOPIC'")).containsExactly("Bnsm faq");
    }

    @Test
    void import_missingFile_isRefused() throws Exception {
        Path missing = dir.resolve("no-such-file.txt");

        assertRefused(run(missing.toString(), "--language", "en", "--as", "editor"),
                "Import refused: the file " + missing + " does not exist.");
    }

    @Test
    void import_emptyFile_isRefused() throws Exception {
        Path file = write("empty.txt", new byte[0]);

        assertRefused(run(file.toString(), "--language", "en", "--as", "editor"),
                "Import refused, nothing was imported: The file is empty.");
    }

    @Test
    void import_questionWithoutAnswer_isRefusedNamingTheLine() throws Exception {
        Path file = write("faq.txt", "Is it serious?\n\nNo.\n\nWhen should I call a doctor?\n".getBytes(UTF_8));

        assertRefused(run(file.toString(), "--language", "en", "--as", "editor"),
                "Import refused, nothing was imported: The question on line 5 has no answer:"
                        + " \"When should I call a doctor?\".");
    }

    @Test
    void import_notUtf8File_isRefused() throws Exception {
        Path file = write("latin1.txt", "Qu'est-ce que c'est ?\n\nUne réponse très brève.\n".getBytes(ISO_8859_1));

        assertRefused(run(file.toString(), "--language", "en", "--as", "editor"),
                "Import refused, nothing was imported: The file is not UTF-8 text (invalid bytes at byte offset");
    }

    @Test
    void import_intoAnUnknownLanguage_isRefused() throws Exception {
        Path file = write("bnsm-faq.txt", FaqImporterTest.seed());

        assertRefused(run(file.toString(), "--language", "xx", "--as", "editor"),
                "Import refused, nothing was imported: The language 'xx' does not exist.");
    }

    @Test
    void import_underSomeoneWhoIsNotAnEditor_isRefused() throws Exception {
        Path file = write("bnsm-faq.txt", FaqImporterTest.seed());

        assertRefused(run(file.toString(), "--language", "en", "--as", "clinician"),
                "Import refused, nothing was imported: The author of an import must be an active editor");
    }

    @Test
    void import_badArguments_exitTwoWithUsage() throws Exception {
        String file = write("bnsm-faq.txt", FaqImporterTest.seed()).toString();
        String[][] bad = {
            {},
            {file},
            {"--language", "en"},
            {file, "--language"},
            {file, "--language", "en", "--force"},
            {file, "--language", "en"},
            {file, "other.txt", "--language", "en"},
        };
        for (String[] args : bad) {
            err.reset();
            String why = String.join(" ", args);
            assertThat(run(args)).as(why).isEqualTo(2);
            assertThat(err()).as(why).containsAnyOf(USAGE, "--language needs a value.");
        }
        assertThat(out()).isEmpty();
        assertThat(Rows.count(db, "content_items")).isZero();
    }

    private void assertRefused(int exit, String message) throws Exception {
        assertThat(exit).isEqualTo(1);
        assertThat(err()).startsWith(message).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(out()).isEmpty();
        assertThat(Rows.count(db, "content_items")).isZero();
        assertThat(Rows.count(db, "revisions")).isZero();
    }

    private int run(String... args) {
        return ImportCommand.run(db.settings(), args, new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));
    }

    private Path write(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }

    private String out() {
        return out.toString(UTF_8);
    }

    private String err() {
        return err.toString(UTF_8);
    }
}
