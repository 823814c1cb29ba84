package org.nightlight.site;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The public site in a real browser (headless Debian Chromium): a visitor's walk in English and in Arabic,
 * axe-core on every page type in every demo language, the CSP against the JSON-LD block, right-to-left
 * layout, keyboard focus, touch targets, contrast, 320 px width, 200% zoom and print. Screenshots go to
 * target/screenshots/.
 */
class PublicSiteBrowserTest {

    @RegisterExtension
    static TestPostgres db = TestPostgres.withDemo();

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

    // --- journeys -------------------------------------------------------------------------------------

    @Test
    void anArabicReader_goesFromTheHomePage_toArabic_toTheTopic_toAQuestion_andIsRememberedNextTime() {
        browser.driver().manage().deleteAllCookies();
        browser.resize(390, 844);
        browser.open(app.base() + "/"); // the browser asks for English
        assertPage("journey-ar-1-home-en", "en", "ltr");
        click(By.cssSelector("nav.languages a[lang=ar]"));
        assertPage("journey-ar-2-home", "ar", "rtl");
        assertThat(browser.driver().getCurrentUrl()).isEqualTo(app.base() + "/ar/");
        click(By.cssSelector("main ul.topics a"));
        assertPage("journey-ar-3-topic", "ar", "rtl");
        assertThat(text("h1")).isEqualTo("الرمع العضلي الحميد أثناء نوم حديثي الولادة");
        searchFor("الرمع", "journey-ar-3b-search", "ar", "rtl");
        click(By.linkText("كيف يبدو الرمع العضلي أثناء النوم؟"));
        assertPage("journey-ar-4-question", "ar", "rtl");
        assertThat(text("h1")).isEqualTo("كيف يبدو الرمع العضلي أثناء النوم؟");
        assertThat(text("article .trust")).contains("Dr Demo Clinician", "Demo Arabic Reviewer");
        assertThat(text("aside.urgent h2")).isNotBlank();
        // the choice is remembered: the site's address now opens in Arabic although the browser asks for English
        browser.open(app.base() + "/");
        assertThat(browser.driver().getCurrentUrl()).isEqualTo(app.base() + "/ar/");
    }

    @Test
    void anEnglishReader_goesFromTheArabicHomePage_toEnglish_toTheTopic_toAQuestion_onTheSamePages() {
        browser.driver().manage().deleteAllCookies();
        browser.resize(390, 844);
        browser.open(app.base() + "/ar/");
        assertPage("journey-en-1-home-ar", "ar", "rtl");
        click(By.cssSelector("nav.languages a[lang=en]"));
        assertPage("journey-en-2-home", "en", "ltr");
        click(By.linkText("Benign neonatal sleep myoclonus"));
        assertPage("journey-en-3-topic", "en", "ltr");
        searchFor("stop", "journey-en-3b-search", "en", "ltr");
        click(By.linkText("When does sleep myoclonus stop?"));
        assertPage("journey-en-4-question", "en", "ltr");
        assertThat(text("article .answer")).contains("3 months");
        // switching on a question page keeps the question
        click(By.cssSelector("nav.languages a[lang=ar]"));
        assertPage("journey-en-5-question-in-arabic", "ar", "rtl");
        assertThat(text("h1")).isEqualTo("متى يتوقف الرمع العضلي أثناء النوم؟");
        click(By.cssSelector("nav.languages a[lang=en]"));
        assertThat(text("h1")).isEqualTo("When does sleep myoclonus stop?");
        browser.open(app.base() + "/");
        assertThat(browser.driver().getCurrentUrl()).isEqualTo(app.base() + "/en/");
    }

    // --- axe-core on every page type --------------------------------------------------------------------

    @Test
    void everyPageType_inEveryDemoLanguage_hasNoSeriousOrCriticalAxeViolations() {
        browser.resize(1024, 800);
        Map<String, List<String>> problems = new LinkedHashMap<>();
        for (String lang : List.of("en", "es", "fr", "ar")) {
            for (Map.Entry<String, String> page : pageTypes(lang).entrySet()) {
                browser.open(app.base() + page.getValue());
                List<String> violations = browser.seriousAxeViolations();
                if (!violations.isEmpty()) {
                    problems.put(lang + " " + page.getKey(), violations);
                    browser.screenshot("axe-" + lang + "-" + page.getKey());
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theAxeCheck_doesReportAViolation_whenAPageHasOne() {
        browser.open(app.base() + "/en/");
        assertThat(browser.seriousAxeViolations()).isEmpty();
        browser.script("var img = document.createElement('img'); img.src = '/favicon.ico';"
                + " document.querySelector('main').appendChild(img);");
        assertThat(browser.seriousAxeViolations()).anySatisfy(v -> assertThat(v).startsWith("image-alt (critical)"));
    }

    // --- the CSP and the JSON-LD block --------------------------------------------------------------------

    @Test
    void theJsonLdBlock_isNotReportedAsAPolicyViolation_whileRealInlineScriptIs() {
        browser.consoleMessages(); // drop earlier messages
        for (String lang : List.of("en", "ar")) {
            for (String path : List.of(pageTypes(lang).get("topic"), pageTypes(lang).get("question"))) {
                browser.open(app.base() + path);
                assertThat(browser.driver().findElements(By.cssSelector("script[type='application/ld+json']")))
                        .hasSize(1);
                assertThat(browser.cspViolations()).as(path).isEmpty();
                assertThat(browser.consoleMessages()).as(path)
                        .noneSatisfy(m -> assertThat(m).containsIgnoringCase("Content Security Policy"));
            }
        }
        // the watcher does see a violation: an inline script added to the page is refused and reported
        browser.script("var s = document.createElement('script'); s.textContent = 'window.ran = true;';"
                + " document.head.appendChild(s);");
        waitFor(() -> !browser.cspViolations().isEmpty());
        assertThat(browser.cspViolations()).anySatisfy(v -> assertThat(v).startsWith("script-src"));
        assertThat(browser.script("return window.ran === true;")).isEqualTo(false);
    }

    // --- layout ---------------------------------------------------------------------------------------

    @Test
    void arabicPages_mirrorTheLayout_andTheBreadcrumbSeparator() {
        browser.resize(1024, 800);
        Map<String, Double> separator = new LinkedHashMap<>();
        for (String lang : List.of("en", "ar")) {
            browser.open(app.base() + pageTypes(lang).get("question"));
            WebElement brand = browser.driver().findElement(By.cssSelector(".brand"));
            WebElement languages = browser.driver().findElement(By.cssSelector("nav.languages"));
            List<WebElement> crumbs = browser.driver().findElements(By.cssSelector(".breadcrumbs li"));
            boolean brandFirstOnTheLeft = brand.getRect().getX() < languages.getRect().getX();
            boolean crumbsLeftToRight = crumbs.get(0).getRect().getX() < crumbs.get(1).getRect().getX();
            assertThat(brandFirstOnTheLeft).as(lang).isEqualTo(lang.equals("en"));
            assertThat(crumbsLeftToRight).as(lang).isEqualTo(lang.equals("en"));
            // the chevron between the crumbs: rotate(45deg) points right, rotate(-45deg) points left
            String transform = (String) browser.script("return getComputedStyle("
                    + "document.querySelectorAll('.breadcrumbs li')[1], '::before').transform;");
            separator.put(lang, Double.parseDouble(transform.replaceAll("matrix\\(|\\)", "").split(",")[1].trim()));
            String borderSide = (String) browser.script("var s = getComputedStyle(document.querySelector('.trust'));"
                    + " return parseFloat(s.borderLeftWidth) > 0 ? 'left' : 'right';");
            assertThat(borderSide).as(lang).isEqualTo(lang.equals("en") ? "left" : "right");
            browser.screenshot("layout-" + lang + "-question-1024");
        }
        assertThat(separator.get("en")).isPositive();
        assertThat(separator.get("ar")).isNegative();
    }

    @Test
    void at320pxWide_andAt200PercentZoom_nothingScrollsSideways() {
        List<String> problems = new ArrayList<>();
        for (String lang : List.of("en", "ar")) {
            for (Map.Entry<String, String> page : pageTypes(lang).entrySet()) {
                browser.resize(320, 640);
                browser.open(app.base() + page.getValue());
                if (browser.scrollsSideways()) {
                    problems.add("320px " + lang + " " + page.getKey());
                }
                browser.screenshot("320-" + lang + "-" + page.getKey());
                // a 1280 px window at 200%: 640 CSS pixels at a device pixel ratio of 2
                browser.driver().executeCdpCommand("Emulation.setDeviceMetricsOverride",
                        Map.of("width", 640, "height", 800, "deviceScaleFactor", 2, "mobile", false));
                try {
                    browser.open(app.base() + page.getValue());
                    if (browser.scrollsSideways()) {
                        problems.add("200% " + lang + " " + page.getKey());
                    }
                    if (page.getKey().equals("question")) {
                        browser.screenshot("zoom200-" + lang + "-question");
                    }
                } finally {
                    browser.driver().executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theKeyboard_reachesTheSkipLinkFirst_andFocusIsClearlyVisible() {
        browser.resize(1024, 800);
        for (String lang : List.of("en", "ar")) {
            browser.open(app.base() + pageTypes(lang).get("question"));
            browser.driver().findElement(By.tagName("body")).sendKeys(Keys.TAB);
            WebElement focused = browser.driver().switchTo().activeElement();
            assertThat(focused.getAttribute("class")).isEqualTo("skip-link");
            assertThat(focused.getRect().getY()).as("the skip link moves into view").isGreaterThanOrEqualTo(0);
            assertFocusRing(focused);
            browser.screenshot("focus-" + lang + "-skip-link");
            focused.sendKeys(Keys.ENTER);
            assertThat(browser.driver().getCurrentUrl()).endsWith("#main");
            focused = browser.driver().switchTo().activeElement();
            focused.sendKeys(Keys.TAB);
            WebElement next = browser.driver().switchTo().activeElement();
            assertThat(next.getTagName()).isEqualTo("a");
            assertFocusRing(next);
        }
    }

    @Test
    void navigationTargets_areAtLeast44pxHigh_andEveryOtherLinkOutsideRunningTextAtLeast24px() {
        browser.resize(360, 800);
        List<String> small = new ArrayList<>();
        for (String lang : List.of("en", "ar")) {
            for (String path : pageTypes(lang).values()) {
                browser.open(app.base() + path);
                @SuppressWarnings("unchecked")
                List<String> found = (List<String>) browser.script(SMALL_TARGETS);
                found.forEach(link -> small.add(lang + " " + path + " " + link));
            }
        }
        assertThat(small).isEmpty();
        // the check does see a link too small to tap
        browser.open(app.base() + pageTypes("en").get("question"));
        browser.script("var a = document.querySelector('nav.languages a');"
                + " a.style.cssText = 'display: inline-block; height: 10px; min-height: 0; padding: 0; overflow: hidden';");
        assertThat((List<?>) browser.script(SMALL_TARGETS)).isNotEmpty();
    }

    @Test
    void textContrast_isAtLeast4point5To1_forEveryKindOfText() {
        browser.resize(1024, 800);
        List<String> low = new ArrayList<>();
        for (String lang : List.of("en", "fr", "ar")) {
            for (String path : pageTypes(lang).values()) {
                browser.open(app.base() + path);
                @SuppressWarnings("unchecked")
                List<List<Object>> pairs = (List<List<Object>>) browser.script(CONTRAST_PAIRS);
                for (List<Object> pair : pairs) {
                    double ratio = contrast((String) pair.get(1), (String) pair.get(2));
                    if (ratio < 4.5) {
                        low.add(lang + " " + path + " " + pair.get(0) + " " + pair + " " + ratio);
                    }
                }
            }
        }
        assertThat(low).isEmpty();
    }

    @Test
    void printing_leavesOutNavigation_andPrintsWhereSourcesLead() {
        browser.resize(1024, 800);
        browser.open(app.base() + pageTypes("en").get("question"));
        browser.driver().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        try {
            assertThat(browser.script("return getComputedStyle(document.querySelector('nav.languages')).display;"))
                    .isEqualTo("none");
            assertThat(browser.script("return getComputedStyle(document.querySelector('nav.related')).display;"))
                    .isEqualTo("none");
            assertThat((String) browser.script("return getComputedStyle("
                    + "document.querySelector('.sources a'), '::after').content;")).contains("https://");
            assertThat(browser.script("return getComputedStyle(document.querySelector('footer .disclaimer')).display;"))
                    .isNotEqualTo("none");
            browser.screenshot("print-en-question");
        } finally {
            browser.driver().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        }
    }

    // --- helpers --------------------------------------------------------------------------------------

    /**
     * The shown links too small to tap: navigation under 44 px high or 24 px wide; every other link outside running
     * text (answers, sources, the urgent box: exempt in WCAG 2.5.8) under 24 px high. One script per page, not a
     * round trip per link.
     */
    private static final String SMALL_TARGETS = """
            var out = [];
            function shown(el) { return el.offsetParent !== null || getComputedStyle(el).position === 'fixed'; }
            function check(selector, minHeight, minWidth) {
              document.querySelectorAll(selector).forEach(function (el) {
                var r = el.getBoundingClientRect();
                if (shown(el) && r.width > 0 && (Math.round(r.height) < minHeight || Math.round(r.width) < minWidth)) {
                  out.push(el.textContent.trim() + ' ' + Math.round(r.width) + 'x' + Math.round(r.height));
                }
              });
            }
            check('nav a, .topics a, .brand, .skip-link', 44, 24);
            check('a:not(.answer a):not(.sources a):not(.urgent a)', 24, 0);
            return out;""";

    /** Each element with text of its own: a description, its colour and the colour behind it. */
    private static final String CONTRAST_PAIRS = """
            var out = [];
            function background(el) {
              for (; el; el = el.parentElement) {
                var c = getComputedStyle(el).backgroundColor;
                if (c && c !== 'transparent' && !/rgba\\(.*,\\s*0\\)$/.test(c)) { return c; }
              }
              return 'rgb(255, 255, 255)';
            }
            document.querySelectorAll('body *').forEach(function (el) {
              var own = Array.prototype.some.call(el.childNodes, function (n) {
                return n.nodeType === 3 && n.textContent.trim() !== ''; });
              if (!own || el.offsetParent === null) { return; }
              out.push([el.tagName + '.' + el.className, getComputedStyle(el).color, background(el)]);
            });
            return out;""";

    private static double contrast(String foreground, String background) {
        double a = luminance(foreground);
        double b = luminance(background);
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    }

    private static double luminance(String rgb) {
        String[] parts = rgb.replaceAll("rgba?\\(|\\)", "").split(",");
        double[] channels = new double[3];
        for (int i = 0; i < 3; i++) {
            double c = Double.parseDouble(parts[i].trim()) / 255.0;
            channels[i] = c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
    }

    private static void assertFocusRing(WebElement element) {
        String outline = (String) browser.script("var s = getComputedStyle(arguments[0]);"
                + " return s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor;", element);
        assertThat(outline).startsWith("solid 3px");
    }

    /** Checks language and direction, saves a screenshot, and requires no serious axe or CSP problem. */
    private static void assertPage(String name, String lang, String dir) {
        assertThat(browser.script("return document.documentElement.lang;")).isEqualTo(lang);
        assertThat(browser.script("return document.documentElement.dir;")).isEqualTo(dir);
        browser.screenshot(name);
        assertThat(browser.seriousAxeViolations()).as(name).isEmpty();
        assertThat(browser.cspViolations()).as(name).isEmpty();
    }

    private static void click(By by) {
        browser.driver().findElement(by).click();
    }

    private static String text(String css) {
        return browser.driver().findElement(By.cssSelector(css)).getText();
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) {
        long until = System.currentTimeMillis() + 5_000;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < until) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Types the words into the header's search form, sends it, and checks the results page. */
    private void searchFor(String words, String screenshot, String lang, String dir) {
        var field = browser.driver().findElement(By.cssSelector("form.search-form input[name=q]"));
        field.clear();
        field.sendKeys(words);
        click(By.cssSelector("form.search-form button[type=submit]"));
        assertPage(screenshot, lang, dir);
        assertThat(browser.driver().getCurrentUrl()).contains("/" + lang + "/search?q=");
        assertThat(browser.driver().findElements(By.cssSelector("main li mark"))).isNotEmpty();
    }

    /** Home, topic, a question, a question shown in fallback (fr), search, a 404 and the server's own 400 page. */
    private static Map<String, String> pageTypes(String lang) {
        try {
            Map<String, String> pages = new LinkedHashMap<>();
            pages.put("home", "/" + lang + "/");
            String topic = app.page("/" + lang + "/").selectFirst("main ul.topics a").attr("href");
            pages.put("topic", topic);
            var toc = app.page(topic).select("nav.toc a");
            pages.put("question", toc.get(6).attr("href"));
            var fallback = toc.stream().filter(a -> a.hasAttr("lang")).findFirst();
            fallback.ifPresent(a -> pages.put("fallback-question", a.attr("href")));
            pages.put("search", "/" + lang + "/search?q=myoclonis");
            pages.put("not-found", "/" + lang + "/no-such-page/");
            pages.put("bad-request", "/" + lang + "/%ff/");
            return pages;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
