package org.gantry.tests.support;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium driven by Playwright, headless, for the dashboard's tests. Playwright never
 * downloads a browser here (the network is closed in CI): where {@code /usr/bin/chromium} is
 * missing the test is skipped with how to get it, or fails under {@code GANTRY_REQUIRE_TEST_PEERS=1}.
 */
public final class Chromium implements AutoCloseable {
    public static final Path EXECUTABLE = Path.of("/usr/bin/chromium");
    /** Where every page's screenshot goes; the good ones are copied into docs/screenshots by hand. */
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final List<String> ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage");

    private final Playwright playwright;
    private final Browser browser;

    private Chromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    /** Starts Chromium, or skips the test (fails it when test peers are required) if it is missing. */
    public static Chromium launch() {
        if (!Files.isExecutable(EXECUTABLE)) {
            String message = EXECUTABLE + " is missing; install it with "
                    + "'apt-get install -y --no-install-recommends chromium'";
            if ("1".equals(System.getenv("GANTRY_REQUIRE_TEST_PEERS"))) {
                throw new AssertionError(message + " (GANTRY_REQUIRE_TEST_PEERS=1 makes this a failure, not a skip)");
            }
            Assumptions.abort("skipped: " + message);
        }
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(EXECUTABLE).setHeadless(true).setArgs(ARGS));
        return new Chromium(playwright, browser);
    }

    /** A fresh page in a context of its own: its own sessionStorage, so its own login. */
    public Page newPage() {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 900));
        return context.newPage();
    }

    /** Saves the whole page as {@code target/screenshots/NAME.png}. */
    public static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
