package org.nightlight.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.App;
import org.nightlight.testing.AdminClient;
import org.nightlight.testing.Rows;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.TestPostgres;

/**
 * The audit log in the admin's language: every action the code records has a name in every UI bundle, the
 * page and its filter show those names (the filter still sends the codes), fixed words of the details are
 * translated while typed text stays, and the CSV keeps the codes for machines beside the names.
 */
class AuditInAdminLanguageTest {

    static final String PASSWORD = "correct horse battery staple 42";
    static final Pattern CALL = Pattern.compile("(?:\\.record|\\.recordAnonymous)\\((.*?)\\);", Pattern.DOTALL);
    static final Pattern CODE = Pattern.compile("\"([A-Z][A-Z_]*[A-Z])\"");

    @RegisterExtension
    static TestPostgres db = TestPostgres.withDemo();

    static RunningApp app;

    @BeforeAll
    static void start() throws Exception {
        var settings = db.settings(Map.of("NIGHTLIGHT_DEMO", "true", "NIGHTLIGHT_DEMO_PASSWORD", PASSWORD));
        app = RunningApp.start(settings, App::loadDemoIfWanted);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** The action codes of every audit call in the main sources; each call must name its code(s) literally. */
    static TreeSet<String> codesInTheCode() throws IOException {
        TreeSet<String> codes = new TreeSet<>();
        List<String> withoutCode = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file, StandardCharsets.UTF_8);
                if (!source.contains("audit.record") && !source.contains("AuditLog")) {
                    continue;
                }
                Matcher call = CALL.matcher(source);
                while (call.find()) {
                    if (file.endsWith("AuditLog.java")) {
                        continue; // the methods themselves
                    }
                    Matcher code = CODE.matcher(call.group(1));
                    boolean found = false;
                    while (code.find()) {
                        codes.add(code.group(1));
                        found = true;
                    }
                    if (!found) {
                        withoutCode.add(file.getFileName() + ": " + call.group().lines().findFirst().orElse(""));
                    }
                }
            }
        }
        assertThat(withoutCode).as("audit calls whose action is not a literal code").isEmpty();
        return codes;
    }

    @Test
    void everyActionRecordedInTheCode_hasANameInEveryBundle() throws Exception {
        TreeSet<String> codes = codesInTheCode();
        assertThat(codes).contains("LOGIN", "LOGIN_FAILED", "REVISION_SAVED", "SEARCH_SYNONYM_ADDED",
                "SECOND_FACTOR_ENROLLED", "USER_UPDATED", "WITHDRAWN").hasSizeGreaterThan(25);
        List<String> missing = new ArrayList<>();
        for (String lang : List.of("en", "es", "fr", "ar")) {
            Path file = Path.of("i18n", lang.equals("en") ? "messages.properties" : "messages_" + lang + ".properties");
            Properties bundle = new Properties();
            try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                bundle.load(reader);
            }
            codes.stream().filter(c -> bundle.getProperty("admin.audit.action." + c) == null)
                    .forEach(c -> missing.add(lang + " " + c));
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void theAuditPageInFrench_namesActionsAndFixedWords_inFrench_andKeepsCodesInTheFilter() throws Exception {
        AdminClient admin = new AdminClient(app.base());
        assertThat(admin.login("admin", PASSWORD).statusCode()).isEqualTo(303);
        admin.page("/admin/");
        admin.post("/admin/ui-language", "lang", "fr", "next", "/admin/audit");

        Document page = admin.page("/admin/audit");
        assertThat(page.select("select#action option[value=LOGIN]").text()).isEqualTo("Connexion");
        assertThat(page.select("select#action option[value=REVISION_SAVED]").text()).isEqualTo("Version enregistrée");
        assertThat(page.select("table.audit tbody td[data-code=LOGIN]").first().text()).isEqualTo("Connexion");

        Document saved = admin.page("/admin/audit?action=REVISION_SAVED");
        List<String> details = saved.select("table.audit tbody td.details").eachText();
        assertThat(details).isNotEmpty().noneMatch(d -> d.startsWith("revision "))
                .anyMatch(d -> d.startsWith("version "));

        Document reviewed = admin.page("/admin/audit?action=REVIEWED");
        assertThat(reviewed.select("table.audit tbody td.details").eachText())
                .anyMatch(d -> d.startsWith("Validation médicale") || d.contains("approuv"))
                .noneMatch(d -> d.startsWith("MEDICAL ") || d.startsWith("LANGUAGE "));

        Document users = admin.page("/admin/audit?action=USER_UPDATED");
        assertThat(users.select("table.audit tbody td.details").eachText())
                .anyMatch(d -> d.contains("titres (fr)\u00A0:") || d.contains("titres (fr):"));

        var csv = admin.get("/admin/audit.csv?action=LOGIN");
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new java.io.StringReader(csv.body().substring(1))).getRecords();
        assertThat(records).isNotEmpty().allMatch(r -> r.get("action").equals("LOGIN")
                && r.get("action_name").equals("Connexion"));
        assertThat(Rows.strings(db, "select distinct action from audit_events where action = 'LOGIN'"))
                .containsExactly("LOGIN");
    }
}
