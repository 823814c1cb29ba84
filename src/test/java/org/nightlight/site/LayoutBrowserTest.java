package org.nightlight.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.App;
import org.nightlight.testing.Browser;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.TestPostgres;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The layout of every page type in a real browser (headless Debian Chromium), on a phone (390 px) and a desktop
 * (1280 px), left-to-right (English) and right-to-left (Arabic): the header's parts and the search form keep
 * to the page's centred column, nothing is wider than the window, the admin header's rule runs the whole width
 * while its contents keep to the admin column. Screenshots of each go to target/screenshots/layout-*; the
 * home and question pages also to docs/screenshots/ for the README.
 */
class LayoutBrowserTest {

    @RegisterExtension
    static TestPostgres db = TestPostgres.withDemo();

    static final List<Integer> WIDTHS = List.of(390, 1280);
    static final Path DOCS = Path.of("docs", "screenshots");

    static RunningApp app;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Browser.available(), Browser.MISSING);
        var settings = db.settings(Map.of("NIGHTLIGHT_DEMO", "true", "NIGHTLIGHT_DEMO_PASSWORD", "demo-password-1234"));
        app = RunningApp.start(settings, App::loadDemoIfWanted);
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void everyPublicPageType_keepsItsHeaderAndSearchInTheCentredColumn_andNeverScrollsSideways() throws Exception {
        List<String> problems = new ArrayList<>();
        for (String lang : List.of("en", "ar")) {
            Map<String, String> pages = pageTypes(lang);
            for (int width : WIDTHS) {
                browser.resize(width, 900);
                for (Map.Entry<String, String> page : pages.entrySet()) {
                    String name = "layout-" + lang + "-" + page.getKey() + "-" + width;
                    open(page.getKey(), page.getValue());
                    assertThat(browser.script("return document.documentElement.dir;")).as(name)
                            .isEqualTo(lang.equals("ar") ? "rtl" : "ltr");
                    problems.addAll(publicLayoutProblems(name));
                    Path shot = browser.screenshot(name);
                    if (page.getKey().equals("home") || page.getKey().equals("question")) {
                        Files.createDirectories(DOCS);
                        Files.copy(shot, DOCS.resolve(shot.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theSearchPage_hasOneSearchBox_andTheTopicPage_oneTrustLinePerAnswer() throws Exception {
        browser.resize(390, 900);
        for (String lang : List.of("en", "ar")) {
            for (String kind : List.of("search", "search-none")) {
                browser.open(app.base() + pageTypes(lang).get(kind));
                assertThat(browser.driver().findElements(By.cssSelector("input[type=search]"))).as(lang + kind)
                        .hasSize(1);
            }
            browser.open(app.base() + pageTypes(lang).get("topic"));
            for (WebElement trust : browser.driver().findElements(By.cssSelector("section.question .trust"))) {
                double lineHeight = Double.parseDouble(((String) browser.script(
                        "return getComputedStyle(arguments[0].querySelector('p')).lineHeight;", trust))
                        .replace("px", ""));
                assertThat(trust.getRect().getHeight()).as(lang + " trust line").isLessThanOrEqualTo(
                        (int) Math.ceil(3 * lineHeight)); // one sentence: at most a wrap or two on a phone
            }
        }
    }

    @Test
    void listBullets_sitBesideTheFirstLineOfALinkThatWraps() {
        browser.resize(390, 900);
        for (String lang : List.of("en", "ar")) {
            browser.open(app.base() + pageTypes(lang).get("topic"));
            for (WebElement link : browser.driver().findElements(By.cssSelector("nav.toc li a"))) {
                // a block link starts at the top of its list item, where the marker is drawn
                WebElement item = link.findElement(By.xpath(".."));
                assertThat(Math.abs(link.getRect().getY() - item.getRect().getY())).as(lang + " " + link.getText())
                        .isLessThanOrEqualTo(1);
                assertThat(browser.script("return getComputedStyle(arguments[0]).display;", link)).isEqualTo("block");
            }
        }
    }

    @Test
    void theAdminSignInPage_hasAFullWidthHeaderRule_withItsContentsInTheAdminColumn() {
        List<String> problems = new ArrayList<>();
        for (String lang : List.of("en", "ar")) {
            for (int width : WIDTHS) {
                browser.resize(width, 900);
                // the sign-in page speaks the browser's language
                browser.driver().executeCdpCommand("Network.enable", Map.of());
                browser.driver().executeCdpCommand("Network.setExtraHTTPHeaders",
                        Map.of("headers", Map.of("Accept-Language", lang)));
                try {
                    browser.open(app.base() + "/admin/login");
                } finally {
                    browser.driver().executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of()));
                }
                String name = "layout-" + lang + "-admin-login-" + width;
                assertThat(browser.script("return document.documentElement.lang;")).as(name).isEqualTo(lang);
                if (browser.scrollsSideways()) {
                    problems.add(name + ": scrolls sideways");
                }
                long innerWidth = (Long) browser.script("return document.documentElement.clientWidth;");
                WebElement header = browser.driver().findElement(By.cssSelector("header.admin-header"));
                if (Math.abs(header.getRect().getWidth() - innerWidth) > 1) {
                    problems.add(name + ": header rule " + header.getRect().getWidth() + " of " + innerWidth);
                }
                double column = Math.min(innerWidth, 72 * 16);
                double left = (innerWidth - column) / 2;
                for (WebElement part : browser.driver().findElements(By.cssSelector(
                        "header.admin-header > *, main"))) {
                    // main's padding is the column's; the header's parts sit inside that padding
                    int inset = part.getTagName().equals("main") ? 0 : 15;
                    if (part.getRect().getX() < left + inset || part.getRect().getX() + part.getRect().getWidth()
                            > left + column - inset) {
                        problems.add(name + ": " + part.getTagName() + "." + part.getAttribute("class")
                                + " at " + part.getRect().getX() + "+" + part.getRect().getWidth()
                                + " outside the column " + left + "+" + column);
                    }
                }
                browser.screenshot(name);
            }
        }
        assertThat(problems).isEmpty();
    }

    // --- helpers --------------------------------------------------------------------------------------

    /** Header parts and every search form inside main's column, and nothing wider than the window. */
    private static List<String> publicLayoutProblems(String name) {
        List<String> problems = new ArrayList<>();
        if (browser.scrollsSideways()) {
            problems.add(name + ": scrolls sideways");
        }
        WebElement main = browser.driver().findElement(By.cssSelector("main"));
        int left = main.getRect().getX();
        int right = left + main.getRect().getWidth();
        long innerWidth = (Long) browser.script("return document.documentElement.clientWidth;");
        if (right > innerWidth + 1) {
            problems.add(name + ": main is wider than the window");
        }
        for (WebElement part : browser.driver().findElements(By.cssSelector(
                ".brand, nav.languages, .demo-banner, form.search-form, footer .disclaimer"))) {
            int x = part.getRect().getX();
            int end = x + part.getRect().getWidth();
            // the column's content box: main's padding (1rem) on each side
            if (x < left + 15 || end > right - 15) {
                problems.add(name + ": " + part.getTagName() + "." + part.getAttribute("class") + " at " + x + "–"
                        + end + " outside the column " + (left + 16) + "–" + (right - 16));
            }
        }
        return problems;
    }

    /** Opens a page type; the feedback page is the answer to a feedback form sent without a choice. */
    private static void open(String kind, String path) {
        browser.open(app.base() + path);
        if (kind.equals("feedback")) {
            browser.script("var f = document.querySelector('#feedback form');"
                    + " f.querySelectorAll('[required]').forEach(function (i) { i.removeAttribute('required'); });"
                    + " f.submit();");
            long until = System.currentTimeMillis() + 5_000;
            while (browser.driver().findElements(By.cssSelector(".problem")).isEmpty()
                    && System.currentTimeMillis() < until) {
                Thread.onSpinWait();
            }
            assertThat(browser.driver().findElements(By.cssSelector(".problem"))).isNotEmpty();
        }
    }

    /** Home, topic, question, search with and without results, the feedback problem page and a 404. */
    private static Map<String, String> pageTypes(String lang) {
        try {
            Map<String, String> pages = new LinkedHashMap<>();
            pages.put("home", "/" + lang + "/");
            String topic = app.page("/" + lang + "/").selectFirst("main ul.topics a").attr("href");
            pages.put("topic", topic);
            var toc = app.page(topic).select("nav.toc a");
            pages.put("question", toc.get(1).attr("href"));
            String word = app.page(topic).selectFirst("h1").text().split("\\s+")[0];
            pages.put("search", "/" + lang + "/search?q=" + java.net.URLEncoder.encode(
                    lang.equals("en") ? "myoclonus" : longest(toc.get(1).text()), java.nio.charset.StandardCharsets.UTF_8));
            pages.put("search-none", "/" + lang + "/search?q=zqxjvw");
            pages.put("feedback", toc.get(1).attr("href"));
            pages.put("not-found", "/" + lang + "/no-such-page/");
            assertThat(word).isNotBlank();
            return pages;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String longest(String words) {
        String best = "";
        for (String w : words.replaceAll("[؟?]", "").split("\\s+")) {
            if (w.length() > best.length()) {
                best = w;
            }
        }
        return best;
    }
}
