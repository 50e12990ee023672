package org.cipnet.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's headless chromium through its chromedriver, one per test JVM; screenshots go to target/screenshots/. */
final class Browser {
    static final Path SHOTS = Path.of("target", "screenshots");
    private static WebDriver driver;

    private Browser() {}

    static synchronized WebDriver get() throws Exception {
        if (driver != null) return driver;
        assertTrue(Files.isExecutable(Path.of("/usr/bin/chromedriver")), "Debian's chromium-driver is installed (scripts/test installs it)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--window-size=1280,1000", "--lang=en-GB", "--user-data-dir=" + Files.createTempDirectory("cipnet-chromium"));
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", "en-GB,en"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        Files.createDirectories(SHOTS);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> driver.quit()));
        return driver;
    }

    static void desktop() {
        driver.manage().window().setSize(new Dimension(1280, 1000));
    }

    static void phone() {
        driver.manage().window().setSize(new Dimension(390, 844));
    }

    static List<LogEntry> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
    }

    static void shot(String name) throws Exception {
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    static Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /**
     * A wait that looks again when a lookup races a navigation: Chromium may then answer "Node with
     * given id does not belong to the document", an unknown error rather than a stale element.
     */
    static FluentWait<WebDriver> waitUp() {
        return new WebDriverWait(driver, Duration.ofSeconds(60)).ignoring(WebDriverException.class);
    }
}
