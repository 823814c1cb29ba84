package org.nightlight.exchange;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.nightlight.App;
import org.nightlight.account.Actor;
import org.nightlight.Settings;

/** {@code import FILE --language CODE [--topic TITLE] --as USERNAME}: loads a plain-text FAQ as drafts. */
public final class ImportCommand {

    private ImportCommand() {
    }

    public static int run(Settings settings, String[] args) {
        return run(settings, args, System.out, System.err);
    }

    static int run(Settings settings, String[] args, PrintStream out, PrintStream err) {
        String file = null;
        String language = null;
        String topic = null;
        String as = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (("--language".equals(arg) || "--topic".equals(arg) || "--as".equals(arg)) && i + 1 >= args.length) {
                err.println(arg + " needs a value.");
                return 2;
            }
            switch (arg) {
                case "--language" -> language = args[++i];
                case "--topic" -> topic = args[++i];
                case "--as" -> as = args[++i];
                default -> {
                    if (arg.startsWith("--") || file != null) {
                        err.println("Unexpected argument '" + arg + "'. Usage: import FILE --language CODE [--topic TITLE] --as USERNAME");
                        return 2;
                    }
                    file = arg;
                }
            }
        }
        if (file == null || language == null || as == null) {
            // --as: every text has an author, who may then not review it
            err.println("Usage: import FILE --language CODE [--topic TITLE] --as USERNAME (an editor, the texts' author)");
            return 2;
        }
        ParsedFaq faq;
        try {
            faq = FaqParser.parse(Files.readAllBytes(Path.of(file)));
        } catch (NoSuchFileException e) {
            err.println("Import refused: the file " + file + " does not exist.");
            return 1;
        } catch (IOException e) {
            err.println("Import refused: the file " + file + " cannot be read (" + e.getMessage() + ").");
            return 1;
        } catch (FaqFormatException e) {
            err.println("Import refused, nothing was imported: " + e.getMessage());
            return 1;
        }
        if (topic == null && faq.title() == null) {
            topic = titleFromFileName(Path.of(file));
        }
        try (App app = App.open(settings)) {
            var person = app.services().accounts().byUsername(as);
            if (person.isEmpty()) {
                err.println("Import refused: there is no user '" + as + "'.");
                return 1;
            }
            Actor author = Actor.of(person.get().id());
            FaqImporter.Report report = app.services().importer().importFaq(faq, language, topic, author);
            print(report, out);
            return 0;
        } catch (FaqFormatException e) {
            err.println("Import refused, nothing was imported: " + e.getMessage());
            return 1;
        }
    }

    static void print(FaqImporter.Report report, PrintStream out) {
        out.println((report.topicCreated() ? "Created topic " : "Topic ") + report.topicId() + ".");
        report.dropped().forEach(d -> out.println("Dropped line " + d.line() + " (scraper junk): " + d.text()));
        report.created().forEach(q -> out.println("Created: " + q));
        report.updated().forEach(q -> out.println("New draft revision: " + q));
        out.println(report.created().size() + " created, " + report.updated().size() + " updated, "
                + report.unchanged().size() + " unchanged" + (report.changedNothing() ? " (nothing to do)." : "."));
    }

    /** "bnsm-faq.txt" becomes "Bnsm faq": a last resort when neither --topic nor a "# Title" line is given. */
    static String titleFromFileName(Path file) {
        String name = file.getFileName().toString().replaceFirst("\\.[^.]+$", "").replaceAll("[-_]+", " ").strip();
        return name.isEmpty() ? "Imported" : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
