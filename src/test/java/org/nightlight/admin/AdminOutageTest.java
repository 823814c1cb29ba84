package org.nightlight.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nightlight.App;
import org.nightlight.testing.AdminClient;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.StoppablePostgres;

/**
 * PostgreSQL stops while an editor works: the admin says the database is unavailable and nothing was lost
 * (the typed text is on the page, ready to send again), the session survives, and sending again after
 * PostgreSQL is back saves the text.
 */
class AdminOutageTest {

    private static final String TYPED = "Gently wake your baby: the jerks stop at once.\n\nOutage draft 7f3a.";

    @TempDir
    Path dataDir;

    @Test
    void anOutageKeepsTheSessionAndTheTypedText_andSendingAgainSavesIt() throws Exception {
        try (StoppablePostgres postgres = new StoppablePostgres(dataDir.resolve("pg"));
                RunningApp app = RunningApp.start(postgres.demoSettings(), App::loadDemoIfWanted)) {
            AdminClient editor = new AdminClient(app.base());
            assertThat(editor.login("editor", "demo-password-1234").statusCode()).isEqualTo(303);
            String session = editor.sessionId().orElseThrow();
            String item = editor.page("/admin/content").select("a[href~=^/admin/items/\\d+/en$]").first().attr("href");
            Document edit = editor.page(item + "/edit");
            Element form = edit.selectFirst("form.text-form");
            List<Map.Entry<String, String>> fields = fields(form);
            fields.replaceAll(f -> f.getKey().equals("body") ? Map.entry("body", TYPED) : f);
            fields.replaceAll(f -> f.getKey().equals("note") ? Map.entry("note", "clearer first step") : f);
            fields.add(Map.entry("action", "save"));

            postgres.stop();

            long started = System.nanoTime();
            HttpResponse<String> dashboard = editor.get("/admin/");
            assertThat(dashboard.statusCode()).as("not sent to the sign-in page").isEqualTo(503);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2_500));
            assertThat(dashboard.headers().firstValue("Retry-After")).isPresent();
            assertThat(Jsoup.parse(dashboard.body()).select("h1").text()).containsIgnoringCase("database");

            started = System.nanoTime();
            HttpResponse<String> saved = editor.postFields(item + "/edit", fields);
            assertThat(saved.statusCode()).isEqualTo(503);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no wait once the outage is known")
                    .isLessThan(Duration.ofMillis(1_000));
            assertThat(saved.headers().allValues("Set-Cookie")).as("the session cookie is kept").isEmpty();
            Document kept = Jsoup.parse(saved.body(), app.base());
            assertThat(kept.text()).containsIgnoringCase("nothing").doesNotContain("Exception");
            Element again = kept.selectFirst("form.send-again");
            assertThat(again.attr("action")).isEqualTo(item + "/edit");
            assertThat(again.selectFirst("textarea[name=body]").text()).contains("Outage draft 7f3a");
            assertThat(again.select("textarea[name=basedOn], textarea[name=action], textarea[name=_csrf]"))
                    .as("internal fields stay hidden").isEmpty();
            assertThat(again.select("input[type=hidden][name=_csrf]")).hasSize(1);

            postgres.start();
            waitUntilHealthy(editor);

            assertThat(editor.sessionId()).contains(session);
            HttpResponse<String> resent = editor.postFields(item + "/edit", fields(again));
            assertThat(resent.statusCode()).as(resent.body()).isEqualTo(303);
            assertThat(resent.headers().firstValue("Location").orElse("")).doesNotContain("login");
            long itemId = Long.parseLong(item.split("/")[3]);
            assertThat(app.app().services().queries().history(itemId, "en").get(0).text().body())
                    .as("the draft sent again").contains("Outage draft 7f3a");
        }
    }

    private static List<Map.Entry<String, String>> fields(Element form) {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        for (Element input : form.select("input[name], textarea[name], select[name]")) {
            String value = input.tagName().equals("textarea") ? input.wholeText()
                    : input.tagName().equals("select") ? input.select("option[selected]").val() : input.val();
            if (!input.attr("type").equals("checkbox") || input.hasAttr("checked")) {
                fields.add(Map.entry(input.attr("name"), value));
            }
        }
        return fields;
    }

    private static void waitUntilHealthy(AdminClient client) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (client.get("/health").statusCode() == 200) {
                return;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("PostgreSQL did not come back");
    }
}
