package org.gantry.ops.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import org.gantry.api.json.GantryJson;
import org.gantry.ops.bench.PredictLoad;
import org.gantry.ops.cli.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gantry bench predict}: load on a served model, as its clients would make it. */
@Command(name = "predict",
        header = "Load a served model over HTTP: predictions/s and request latency.",
        description = {
            "Sends POST /api/v1/models/MODEL/predict from --clients clients in closed loop for --seconds seconds, " +
            "each request carrying --rows rows of random feature values (the features read from " +
            "GET /api/v1/models/MODEL). Reports predictions answered per second, request latency (p50, p90, " +
            "p99, max) and every status seen: a 503 means no replica was ready, a 422 that the rows were refused.",
            ""},
        footer = {"", "Examples:",
            "  gantry deploy houses --replicas 2",
            "  gantry bench predict --model houses --clients 32 --seconds 30",
            "  gantry bench predict --model houses --clients 8 --rows 64 --json"},
        mixinStandardHelpOptions = true)
final class PredictBenchCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ApiTarget target;

    @Option(names = "--model", paramLabel = "NAME", required = true, description = "The served model.")
    private String model;

    @Option(names = "--tenant", paramLabel = "NAME",
            description = "Whose model, when the token is the admin's (a tenant's token implies its own).")
    private String tenant;

    @Option(names = "--clients", paramLabel = "C", defaultValue = "32",
            description = "Concurrent clients in closed loop (default: ${DEFAULT-VALUE}).")
    private int clients;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "30", description = "How long to run (default: ${DEFAULT-VALUE}).")
    private int seconds;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "1", description = "Rows per request (default: ${DEFAULT-VALUE}).")
    private int rows;

    @Option(names = "--json", description = "Print one JSON object with every figure.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        String bearer = target.token();
        if (clients < 1 || seconds < 1 || rows < 1) {
            throw new ParameterException(spec.commandLine(), "--clients, --seconds and --rows must be at least 1");
        }
        URI base = target.url();
        String body = rowsFor(features(base, bearer));
        PredictLoad.Options options = new PredictLoad.Options(base, bearer, model, tenant, clients,
                Duration.ofSeconds(seconds), body, rows);
        Progress progress = new Progress(spec.commandLine().getErr(), "bench predict");
        PredictLoad.Report report = new PredictLoad(options).run(progress::update);
        progress.done(String.format(Locale.ROOT, "%,d requests", report.requests()));
        BenchOutput.print(spec, json, report, PredictBenchCommand::render);
        return report.statuses().keySet().stream().allMatch(status -> status == 200) ? 0 : 1;
    }

    /** The model's feature names, from its newest version. */
    private JsonNode features(URI base, String bearer) throws IOException, InterruptedException {
        URI uri = base.resolve("/api/v1/models/" + model + (tenant == null ? "" : "?tenant=" + tenant));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + bearer).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new ParameterException(spec.commandLine(), "GET " + uri.getPath() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return GantryJson.mapper().readTree(response.body()).path("features");
    }

    private String rowsFor(JsonNode features) {
        Random random = new Random(42);
        StringBuilder body = new StringBuilder("{\"rows\":[");
        for (int r = 0; r < rows; r++) {
            body.append(r == 0 ? "{" : ",{");
            for (int f = 0; f < features.size(); f++) {
                body.append(f == 0 ? "" : ",").append('"').append(features.get(f).asText()).append("\":")
                        .append(String.format(Locale.ROOT, "%.4f", random.nextGaussian()));
            }
            body.append('}');
        }
        return body.append("]}").toString();
    }

    private static String render(PredictLoad.Report r) {
        return String.format(Locale.ROOT, "Predictions (%s, %d clients, %.0f s): %,.0f/s in %,.0f requests/s%n"
                        + "  latency ms: p50 %.1f, p90 %.1f, p99 %.1f, max %.1f%n  answers: %s%n",
                r.model(), r.clients(), r.seconds(), r.predictionsPerSecond(), r.requestsPerSecond(),
                r.latency().p50Ms(), r.latency().p90Ms(), r.latency().p99Ms(), r.latency().maxMs(), r.statuses());
    }
}
