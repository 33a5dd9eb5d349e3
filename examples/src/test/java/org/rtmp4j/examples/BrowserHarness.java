package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * Test fixture (a JUnit extension: register it with {@code @RegisterExtension}): headless Chromium driven through
 * chromedriver with Selenium, from the system's packages ({@code apt-get install chromium chromium-driver};
 * {@code .ci/run} installs them). Paths: {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver}, or the system
 * properties {@code rtmp4j.chromium} and {@code rtmp4j.chromedriver}. When either is missing the test is skipped with
 * a message saying how to install them, or fails when the environment variable {@code CI} is {@code true} (a CI run
 * must prove the browser path). Selenium Manager never runs (both paths are given), nothing is downloaded. Each
 * browser gets a fresh {@code --user-data-dir}; the driver is quit and the directory deleted after each test.
 */
final class BrowserHarness implements AfterEachCallback {
    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--autoplay-policy=no-user-gesture-required", "--disable-dev-shm-usage");

    private ChromeDriver driver;
    private ChromeDriverService service;
    private Path userDataDir;

    /**
     * Starts the browser (skipping or failing the test when it is not installed, see the class comment).
     *
     * @return the driver; quit after the test
     */
    WebDriver start() throws IOException {
        Path chromium = Path.of(System.getProperty("rtmp4j.chromium", "/usr/bin/chromium"));
        Path chromedriver = Path.of(System.getProperty("rtmp4j.chromedriver", "/usr/bin/chromedriver"));
        if (!Files.isExecutable(chromium) || !Files.isExecutable(chromedriver)) {
            String message = "browser tests need " + chromium + " and " + chromedriver
                    + " (Debian: apt-get install chromium chromium-driver; or -Drtmp4j.chromium=... -Drtmp4j.chromedriver=...)";
            if ("true".equals(System.getenv("CI"))) {
                fail("CI=true: " + message);
            }
            Assumptions.abort(message);
        }
        userDataDir = Files.createTempDirectory("rtmp4j-chromium-");
        ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile());
        options.addArguments(FLAGS);
        options.addArguments("--user-data-dir=" + userDataDir);
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(90));
        return driver;
    }

    /**
     * Runs {@code script} in the page (a function body; {@code return} gives the value).
     *
     * @return the value (numbers come back as {@code Long} or {@code Double}, objects as {@code Map})
     */
    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** @return the page's console messages so far, one per line (for failure messages) */
    String console() {
        if (driver == null) {
            return "";
        }
        try {
            return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::toString)
                    .collect(Collectors.joining("\n"));
        } catch (RuntimeException e) {
            return "(no console log: " + e + ")";
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        try {
            if (driver != null) {
                driver.quit();
            }
        } finally {
            if (service != null) {
                service.stop();
            }
            if (userDataDir != null) {
                try (Stream<Path> files = Files.walk(userDataDir)) {
                    for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }
}
