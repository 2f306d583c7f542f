package org.gantry.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.nio.file.Path;
import java.time.Duration;
import org.gantry.scheduler.control.service.Tokens;
import org.gantry.tests.support.Api;
import org.gantry.tests.support.RegressionCsv;
import org.gantry.tests.support.Chromium;
import org.gantry.tests.support.Eventually;
import org.gantry.tests.support.JvmCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web dashboard in a real Chromium against a real control plane and two agents, each in its
 * own JVM: a wrong token is refused; a tenant logs in, submits through the page and watches the
 * job succeed with its logs and its secret masked; a refused submit shows the server's problem;
 * a djl-train job draws its loss curves; another tenant sees none of the first one's jobs; the
 * admin cordons a node and logs out. Every page is saved under {@code target/screenshots/}.
 */
class DashboardBrowserTest {
    private static final String ADMIN = Tokens.generate();
    private static final String SECRET = "never-on-the-page-4711";
    /** Jobs start JVMs of their own on a loaded machine: what the page waits for may take a while. */
    private static final double PATIENCE_MS = 120_000;

    @TempDir
    Path dir;

    private JvmCluster cluster;
    private Chromium chromium;

    @AfterEach
    void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void tenantsAndTheAdminUseTheDashboard() throws Exception {
        chromium = Chromium.launch();
        PlaywrightAssertions.setDefaultAssertionTimeout(PATIENCE_MS);
        cluster = new JvmCluster(dir, ADMIN);
        Api admin = cluster.startControl();
        cluster.startAgent("gpu-1", "--gpus", "4");
        cluster.startAgent("gpu-2", "--gpus", "4");
        cluster.awaitNodes(admin, 2);
        Api alpha = cluster.tenant(admin, "alpha", 4, 8);
        Api beta = cluster.tenant(admin, "beta", 2, 4);

        // A wrong token is refused with the server's problem; the login form stays.
        Page page = chromium.newPage();
        page.navigate(alpha.baseUrl() + "/");
        page.locator("#token").fill("not-a-token");
        page.locator("#login button").click();
        expect(page.locator("#login .problem")).containsText("401");

        // A tenant submits through the page and follows the job to its end, logs included.
        logIn(page, alpha);
        expect(page.locator("#who")).hasText("tenant alpha");
        page.navigate(alpha.baseUrl() + "/#/submit");
        page.locator("#spec").fill("{\"name\": \"from-the-page\", \"gpus\": 2, \"maxRetries\": 0, \"workload\": "
                + "{\"kind\": \"process\", \"command\": [\"sh\", \"-c\", \"echo hello from the page; sleep 3\"], "
                + "\"secretEnv\": {\"API_KEY\": \"" + SECRET + "\"}}}");
        page.locator("#submit").click();
        page.waitForURL("**/#/job/*");
        String id = page.url().substring(page.url().lastIndexOf('/') + 1);
        expect(page.locator("#logs")).containsText("hello from the page");
        Chromium.screenshot(page, "job-running");
        expect(page.locator("main .badge").first()).hasText("SUCCEEDED");
        expect(page.locator(".timeline")).containsText("Finished");
        page.locator("details summary").click();
        expect(page.locator("details pre")).containsText("\"API_KEY\": \"***\"");
        expect(page.locator("body")).not().containsText(SECRET);
        Chromium.screenshot(page, "job");
        assertThat(alpha.get("/api/v1/jobs/" + id).body().path("state").asText()).isEqualTo("SUCCEEDED");

        // A refused submit shows the server's problem, naming the field at fault.
        page.navigate(alpha.baseUrl() + "/#/submit");
        page.locator("#spec").fill("{\"name\": \"broken\", \"gpus\": 0, \"workload\": {\"kind\": \"process\", "
                + "\"command\": [\"true\"]}}");
        page.locator("#submit").click();
        expect(page.locator(".problem")).containsText("422");
        expect(page.locator(".problem")).containsText("$.gpus");
        Chromium.screenshot(page, "submit-refused");

        // A djl-train job draws its loss and MAE per epoch from its Progressed events.
        Path csv = RegressionCsv.write(dir.resolve("houses.csv"), 2_000, 0.0, 7);
        String training = submit(alpha, "{\"name\":\"houses-mlp\",\"gpus\":1,\"workload\":{\"kind\":\"djl-train\","
                + "\"datasetPath\":\"" + csv + "\",\"target\":\"y\",\"model\":\"houses\",\"epochs\":8,\"seed\":7}}");
        page.navigate(alpha.baseUrl() + "/#/job/" + training);
        expect(page.locator("main .badge").first()).hasText("SUCCEEDED");
        expect(page.locator(".uplot")).hasCount(2);
        Chromium.screenshot(page, "job-training");

        // Work that keeps the GPUs busy, and a job that must wait: the queue says why.
        submit(alpha, "busy-a", 4, "sleep 120");
        submit(alpha, "busy-b", 4, "sleep 120");
        submit(alpha, "waiting", 4, "sleep 1");
        Request queueRequest = page.waitForRequest(request -> request.url().contains("/api/v1/queue"),
                () -> page.navigate(alpha.baseUrl() + "/#/queue"));
        assertThat(queueRequest.url()).as("the server pages the queue; the page asks for the rows it draws")
                .endsWith("/api/v1/queue?offset=0&limit=50");
        expect(page.locator("main table")).containsText("waiting");
        expect(page.locator("main .pager")).containsText("(1 in all)");
        Chromium.screenshot(page, "queue");
        page.navigate(alpha.baseUrl() + "/#/jobs");
        expect(page.locator("main table")).containsText("from-the-page");
        Chromium.screenshot(page, "jobs");
        page.navigate(alpha.baseUrl() + "/#/tenants");
        expect(page.locator("main table").first()).containsText("8 / 8");
        expect(page.locator(".uplot")).hasCount(1);
        Chromium.screenshot(page, "tenant");

        // Another tenant sees none of alpha's jobs, not even by its id.
        Page other = chromium.newPage();
        logIn(other, beta);
        other.navigate(beta.baseUrl() + "/#/jobs");
        expect(other.locator("main")).containsText("No jobs.");
        other.navigate(beta.baseUrl() + "/#/job/" + id);
        expect(other.locator("#alert")).containsText("404");
        expect(other.locator("main")).not().containsText("from-the-page");
        Chromium.screenshot(other, "other-tenant-404");
        // It sees that alpha's GPUs are taken, not by what.
        other.navigate(beta.baseUrl() + "/#/overview");
        expect(other.locator(".gpu.allocated")).hasCount(8);
        expect(other.locator(".gpu[title*='allocated to']")).hasCount(0);

        // The admin sees every node and cordons one from the page.
        Page operator = chromium.newPage();
        logIn(operator, admin);
        expect(operator.locator("#who")).hasText("admin");
        expect(operator.locator("main")).containsText("gpu-2");
        expect(operator.locator(".gpu.allocated")).hasCount(8); // busy-a and busy-b hold every GPU
        expect(operator.locator(".gpu[title*='allocated to j-'][title*='(alpha)']")).hasCount(8);
        Chromium.screenshot(operator, "overview");
        operator.locator("tr:has-text('gpu-2') button[data-action=cordon]").click();
        Eventually.await("gpu-2 to be cordoned", Duration.ofSeconds(20),
                () -> admin.get("/api/v1/nodes").raw().matches("(?s).*\"id\":\"gpu-2\"[^}]*\"status\":\"CORDONED\".*"),
                cluster::logs);
        expect(operator.locator("tr:has-text('gpu-2')")).containsText("CORDONED");
        expect(operator.locator("tr:has-text('gpu-2') button[data-action=uncordon]")).hasCount(1);

        // Logging out forgets the token: a reload asks for one again.
        operator.locator("#logout").click();
        expect(operator.locator("#login")).isVisible();
        operator.reload();
        expect(operator.locator("#login")).isVisible();
        assertThat(operator.evaluate("() => sessionStorage.getItem('gantry.token')")).isNull();
    }

    private static void logIn(Page page, Api as) {
        page.navigate(as.baseUrl() + "/");
        page.locator("#token").fill(as.token());
        page.locator("#login button").click();
        expect(page.locator("#nav")).isVisible();
    }

    private static String submit(Api tenant, String name, int gpus, String command) {
        return submit(tenant, "{\"name\":\"" + name + "\",\"gpus\":" + gpus
                + ",\"workload\":{\"kind\":\"process\",\"command\":[\"sh\",\"-c\",\"" + command + "\"]}}");
    }

    private static String submit(Api tenant, String json) {
        Api.Answer answer = tenant.post("/api/v1/jobs", json);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(201);
        return answer.body().path("id").asText();
    }

    private static LocatorAssertions expect(com.microsoft.playwright.Locator locator) {
        return PlaywrightAssertions.assertThat(locator);
    }

}
