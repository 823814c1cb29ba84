package org.nightlight.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Headless Debian Chromium driven through the Debian chromedriver (nothing is downloaded), for browser tests:
 * start it, open pages, save screenshots under target/screenshots/, run axe-core, read what the page reported
 * (console messages, Content-Security-Policy violations). Skip a test class when {@link #available()} is
 * false: {@code Assumptions.assumeTrue(Browser.available(), Browser.MISSING)}.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final String MISSING = "browser tests skipped: /usr/bin/chromium or /usr/bin/chromedriver is"
            + " missing (apt-get install -y chromium chromium-driver; .ci/run does this)";
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    public static final int SCREENSHOT_MAX_HEIGHT = 5_000;

    /** The axe-core rule tags checked: WCAG 2.0, 2.1 and 2.2 levels A and AA, and axe's best practices. */
    public static final List<String> AXE_TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa",
            "best-practice");

    private static final String WATCH_CSP = "window.__cspViolations = [];"
            + "document.addEventListener('securitypolicyviolation', function (e) {"
            + "  window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile"
            + "  + ':' + e.lineNumber); });";

    private final ChromeDriver driver;
    private final ChromeDriverService service;

    private Browser(ChromeDriverService service, ChromeDriver driver) {
        this.service = service;
        this.driver = driver;
    }

    public static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** A new headless browser with a phone-sized window (360 × 800) unless resized. */
    public static Browser start() {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--hide-scrollbars", "--force-device-scale-factor=1", "--window-size=360,800", "--lang=en-US");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriver driver = new ChromeDriver(service, options);
        try {
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
            // runs before any page script, on every page: collect CSP violation reports
            driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", WATCH_CSP));
            return new Browser(service, driver);
        } catch (RuntimeException e) {
            driver.quit();
            throw e;
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    /** The window's size in CSS pixels. */
    public void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    public Object script(String javascript, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(javascript, args);
    }

    /**
     * Saves the page (not just the window) as target/screenshots/{name}.png and returns the file. A page taller
     * than {@link #SCREENSHOT_MAX_HEIGHT} is cut there: painting and encoding a whole topic page (over 10,000 px
     * on a phone) took seconds per shot, and its first screens show the layout.
     */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Dimension before = driver.manage().window().getSize();
            long height = ((Number) script("return Math.max(document.documentElement.scrollHeight,"
                    + " document.body ? document.body.scrollHeight : 0)")).longValue();
            driver.manage().window().setSize(new Dimension(before.getWidth(),
                    (int) Math.min(Math.max(height, before.getHeight()), SCREENSHOT_MAX_HEIGHT)));
            byte[] png = driver.getScreenshotAs(OutputType.BYTES);
            driver.manage().window().setSize(before);
            Path file = SCREENSHOTS.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + ".png");
            Files.write(file, png);
            return file;
        } catch (IOException e) {
            throw new IllegalStateException("cannot save screenshot " + name, e);
        }
    }

    /**
     * The current page's serious and critical axe-core violations ({@link #AXE_TAGS}), one line each (rule,
     * impact, what it asks, where); empty when there are none. A page axe could not analyse is reported as a
     * violation too. axe runs in the page and hands back only those lines: the selenium binding's AxeBuilder
     * returned every passing check with its HTML and took two to three times as long per page.
     */
    @SuppressWarnings("unchecked")
    public List<String> seriousAxeViolations() {
        if (!Boolean.TRUE.equals(script("return typeof axe === 'object';"))) {
            script(AxeScript.SOURCE);
        }
        Object found = driver.executeAsyncScript(RUN_AXE, AXE_TAGS);
        return found instanceof List<?> list ? (List<String>) list : List.of("axe-core failed: " + found);
    }

    private static final String RUN_AXE = """
            var done = arguments[arguments.length - 1];
            axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
              .then(function (results) {
                done(results.violations
                  .filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; })
                  .map(function (v) {
                    return v.id + ' (' + v.impact + '): ' + v.help + ' at '
                      + v.nodes.map(function (n) { return n.target.join(' '); }).join(', ');
                  }));
              }, function (e) { done(['axe-core failed: ' + e]); });""";

    /** axe-core's script, as shipped in the axe-core selenium jar; read once, when first wanted. */
    private static final class AxeScript {
        static final String SOURCE = read();

        private static String read() {
            try (InputStream in = Browser.class.getResourceAsStream("/axe.min.js")) {
                if (in == null) {
                    throw new IllegalStateException("axe.min.js is not on the test class path");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Content-Security-Policy violations the current page reported since it loaded. */
    @SuppressWarnings("unchecked")
    public List<String> cspViolations() {
        Object found = script("return window.__cspViolations || ['the CSP watcher did not run'];");
        return found instanceof List<?> list ? (List<String>) list : List.of(String.valueOf(found));
    }

    /** Console messages (including the browser's own CSP reports) since the last call. */
    public List<String> consoleMessages() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::toString).toList();
    }

    /** True when the page is wider than the window: the reader would have to scroll sideways. */
    public boolean scrollsSideways() {
        return (Boolean) script("var d = document.documentElement;"
                + " return d.scrollWidth > d.clientWidth + 1 || document.body.scrollWidth > d.clientWidth + 1;");
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }
}
