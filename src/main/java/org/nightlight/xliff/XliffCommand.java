package org.nightlight.xliff;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.nightlight.account.Accounts;
import org.nightlight.account.Actor;

/**
 * {@code xliff-export --language CODE --out FILE} writes what a language lacks as XLIFF 2.1 for an agency;
 * {@code xliff-import --file FILE --as USERNAME} takes their file back as drafts by that translator.
 */
public final class XliffCommand {

    static final String EXPORT = "xliff-export";
    static final String IMPORT = "xliff-import";
    private static final String USAGE = "Usage: " + EXPORT + " --language CODE --out FILE, or " + IMPORT
            + " --file FILE --as USERNAME (a translator qualified for the file's language)";

    private XliffCommand() {
    }

    /** The services the commands use, and how to let go of them (the entry point closes the app it opened). */
    public record Services(Accounts accounts, XliffExchange exchange, Runnable closing) implements AutoCloseable {

        @Override
        public void close() {
            closing.run();
        }
    }

    public static boolean handles(String command) {
        return EXPORT.equals(command) || IMPORT.equals(command);
    }

    /** {@code args} start with the command; {@code open} runs only once the arguments are fine. */
    public static int run(String[] args, Supplier<Services> open) {
        return run(args, open, System.out, System.err);
    }

    static int run(String[] args, Supplier<Services> open, PrintStream out, PrintStream err) {
        boolean export = EXPORT.equals(args[0]);
        Map<String, String> options = options(args, export ? Set.of("--language", "--out") : Set.of("--file", "--as"),
                err);
        if (options == null) {
            return 2;
        }
        return export ? export(options.get("--language"), Path.of(options.get("--out")), open, out, err)
                : importFile(Path.of(options.get("--file")), options.get("--as"), open, out, err);
    }

    private static int export(String language, Path file, Supplier<Services> open, PrintStream out, PrintStream err) {
        try (Services services = open.get()) {
            XliffExport.Export export = services.exchange().export().export(language);
            Files.write(file, export.xliff());
            out.println("Wrote " + file + ": " + export.items() + " item(s) to translate into " + language + ".");
            return 0;
        } catch (XliffExport.NoSuchTargetLanguage e) {
            err.println("Export refused: " + e.getMessage() + ".");
            return 1;
        } catch (IOException e) {
            err.println("Export refused: " + file + " cannot be written (" + e.getMessage() + ").");
            return 1;
        }
    }

    private static int importFile(Path file, String username, Supplier<Services> open, PrintStream out,
            PrintStream err) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            err.println("Import refused: the file " + file + " does not exist.");
            return 1;
        } catch (IOException e) {
            err.println("Import refused: the file " + file + " cannot be read (" + e.getMessage() + ").");
            return 1;
        }
        try (Services services = open.get()) {
            var person = services.accounts().byUsername(username);
            if (person.isEmpty()) {
                err.println("Import refused: there is no user '" + username + "'.");
                return 1;
            }
            XliffImport.Report report = services.exchange().importer().importFile(bytes, Actor.of(person.get().id()));
            return print(report, out, err);
        }
    }

    static int print(XliffImport.Report report, PrintStream out, PrintStream err) {
        if (report.refused()) {
            err.println("Import refused, nothing was imported:");
            report.refusals().forEach(p -> err.println("- " + p.english()));
            return 1;
        }
        report.imported().forEach(e -> out.println("New draft: item " + e.itemId() + ", " + e.title()));
        report.unchanged().forEach(e -> out.println("Unchanged (imported before): item " + e.itemId() + ", " + e.title()));
        report.incomplete().forEach(i -> out.println("Not imported, " + i.untranslated() + " of " + i.units()
                + " unit(s) not translated yet: item " + i.itemId() + ", " + i.title()));
        report.failed().forEach(p -> err.println("Not saved: " + p.english()));
        out.println(report.imported().size() + " imported, " + report.unchanged().size() + " unchanged, "
                + report.incomplete().size() + " incomplete" + (report.failed().isEmpty() ? "."
                        : ", " + report.failed().size() + " not saved."));
        return report.failed().isEmpty() ? 0 : 1;
    }

    /** The command's options, each once with a value; null (and the usage printed) when they are not right. */
    private static Map<String, String> options(String[] args, Set<String> wanted, PrintStream err) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!wanted.contains(args[i]) || i + 1 >= args.length || options.containsKey(args[i])) {
                err.println("Unexpected or incomplete argument '" + args[i] + "'. " + USAGE);
                return null;
            }
            options.put(args[i], args[++i]);
        }
        if (!options.keySet().equals(wanted)) {
            err.println(USAGE);
            return null;
        }
        return options;
    }
}
