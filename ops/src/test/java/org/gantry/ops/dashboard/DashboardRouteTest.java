package org.gantry.ops.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The dashboard's files over real HTTP: served with their types and hardening headers, nothing else. */
class DashboardRouteTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Static imports between the dashboard's modules: {@code from './view-job.js'}, {@code import('./charts.js')}. */
    private static final Pattern IMPORT = Pattern.compile("(?:from|import\\()\\s*'(?:\\./|/dashboard/)([^']+)'");
    private static final List<String> ENTRY = List.of("app.js");

    private static ActorSystem<Void> system;
    private static ServerBinding binding;

    @BeforeAll
    static void serve() {
        system = ActorSystem.create(Behaviors.empty(), "dashboard-test");
        binding = Http.get(system).newServerAt("127.0.0.1", 0).bind(DashboardRoute.of().seal())
                .toCompletableFuture().join();
    }

    @AfterAll
    static void stop() {
        system.terminate();
    }

    @Test
    void thePageIsServedAtTheRootWithAStrictContentSecurityPolicy() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("<script type=\"module\" src=\"/dashboard/app.js\">");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("script-src 'self'").contains("frame-ancestors 'none'");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void scriptsAreJavaScriptSoBrowsersRunThemAsModules() throws Exception {
        for (String path : List.of("/dashboard/app.js", "/dashboard/uplot/uPlot.esm.js")) {
            HttpResponse<String> script = get(path);
            assertThat(script.statusCode()).as(path).isEqualTo(200);
            assertThat(script.headers().firstValue("Content-Type").orElse("")).as(path).contains("javascript");
        }
        assertThat(get("/dashboard/style.css").headers().firstValue("Content-Type").orElse("")).startsWith("text/css");
        assertThat(get("/dashboard/uplot/uPlot.min.css").statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/dashboard/missing.js", "/dashboard/..%2Fapi.js", "/dashboard/.hidden",
        "/dashboard/uplot/../uplot.pom", "/index.html", "/dashboard/"})
    void nothingElseIsServed(String path) throws Exception {
        assertThat(get(path).statusCode()).as(path).isEqualTo(404);
    }

    @Test
    void everyModuleTheAppImportsIsThere() throws IOException {
        List<String> missing = new ArrayList<>();
        List<String> seen = new ArrayList<>(ENTRY);
        for (int i = 0; i < seen.size(); i++) {
            String source = resource(seen.get(i));
            if (source == null) {
                missing.add(seen.get(i));
                continue;
            }
            Matcher imports = IMPORT.matcher(source);
            while (imports.find()) {
                String name = imports.group(1);
                if (!name.startsWith("uplot/") && !seen.contains(name)) {
                    seen.add(name);
                }
            }
        }
        assertThat(missing).as("modules imported but missing").isEmpty();
        assertThat(seen).as("the views the router knows").contains("view-overview.js", "view-queue.js", "view-jobs.js",
                "view-job.js", "view-tenants.js", "view-submit.js", "charts.js", "logs.js");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = DashboardRoute.class.getClassLoader()
                .getResourceAsStream("org/gantry/ops/dashboard/" + name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + binding.localAddress().getPort() + path);
        return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }
}
