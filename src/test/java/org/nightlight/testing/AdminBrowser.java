package org.nightlight.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian chromium for the admin journeys: the distribution's chromium and chromedriver, so
 * Selenium Manager downloads nothing. Tests skip themselves (Assumptions) where {@link #available()} is false.
 */
public final class AdminBrowser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final String base;

    private AdminBrowser(ChromeDriver driver, String base) {
        this.driver = driver;
        this.base = base;
    }

    /** True when the Debian chromium and chromium-driver packages are installed. */
    public static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    public static AdminBrowser start(String base) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,1600", "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return new AdminBrowser(driver, base);
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String path) {
        driver.get(base + path);
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public String text(String css) {
        return find(css).getText();
    }

    /** Replaces a field's value the way a person would: clear it, then type. */
    public void type(String css, String value) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(value);
    }

    /** Clicks a link or submit button and waits until the next page has replaced this one. */
    public void click(String css) {
        click(find(css));
    }

    public void click(WebElement element) {
        WebElement page = driver.findElement(By.tagName("html"));
        element.click();
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> replaced(page));
    }

    /**
     * Whether the page's root element is gone. Chromium sometimes reports a replaced node as "does not belong
     * to the document" (an unknown error) instead of a stale element reference; both mean the same here.
     */
    private static boolean replaced(WebElement root) {
        try {
            root.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            return true;
        } catch (org.openqa.selenium.WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    public void signIn(String username, String password) {
        open("/admin/login");
        type("#username", username);
        type("#password", password);
        click("form[action='/admin/login'] button[type=submit]");
    }

    public void signOut() {
        click("form[action='/admin/logout'] button[type=submit]");
    }

    /** Saves the page as target/screenshots/{name}.png, the full height of the page. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Object height = driver.executeScript("return document.documentElement.scrollHeight");
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 1280,
                    "height", Math.min(8000, ((Number) height).intValue()), "deviceScaleFactor", 1, "mobile", false));
            Path target = SCREENSHOTS.resolve(name + ".png");
            try {
                Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target,
                        StandardCopyOption.REPLACE_EXISTING);
            } finally {
                driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
            }
            return target;
        } catch (IOException e) {
            throw new IllegalStateException("cannot save screenshot " + name, e);
        }
    }

    /** A screenshot and the HTML of the current page, for finding out why a journey stopped. */
    public void saveFailure(String name) {
        try {
            screenshot(name);
            Files.writeString(SCREENSHOTS.resolve(name + ".html"), driver.getPageSource());
        } catch (RuntimeException | IOException e) {
            // the browser itself may be what failed; the test's own error says more
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
