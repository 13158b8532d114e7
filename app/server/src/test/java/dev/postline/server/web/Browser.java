package dev.postline.server.web;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium from the Debian package, driven by Playwright. Playwright never downloads a
 * browser (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD); without /usr/bin/chromium the browser tests are
 * skipped with a message saying how to get it. Records JavaScript dialogs (an XSS payload that
 * runs would open one) and Content-Security-Policy violations reported on the console.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser chromium;
    final List<String> dialogs = new ArrayList<>();
    final List<String> cspViolations = new ArrayList<>();

    private Browser(Playwright playwright, com.microsoft.playwright.Browser chromium) {
        this.playwright = playwright;
        this.chromium = chromium;
    }

    static Browser launch() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
                "browser tests skipped: no " + CHROMIUM + " (install it with: apt-get install -y chromium; .ci/run does)");
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(env));
        var chromium = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM).setHeadless(true).setTimeout(120_000)
                .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking")));
        return new Browser(playwright, chromium);
    }

    /** A fresh browser profile (no cookies) with a desktop-sized window and generous timeouts. */
    Page newPage() {
        BrowserContext context = chromium.newContext(new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(1280, 900));
        context.setDefaultTimeout(30_000);
        context.setDefaultNavigationTimeout(60_000);
        Page page = context.newPage();
        page.onDialog(dialog -> {
            dialogs.add(dialog.type() + ": " + dialog.message());
            dialog.dismiss();
        });
        page.onConsoleMessage(message -> {
            if (message.text().contains("Content Security Policy")) {
                cspViolations.add(message.text());
            }
        });
        return page;
    }

    /** Saves a full-page screenshot under target/screenshots/ for a reviewer (not committed). */
    static void screenshot(Page page, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }

    @Override
    public void close() {
        chromium.close();
        playwright.close();
    }
}
