package org.gantry.djl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.gantry.api.job.ServingReady;
import org.gantry.api.json.GantryJson;
import org.assertj.core.data.Offset;
import org.gantry.djl.serve.ServeMain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A serving replica as the agent starts it: a real child process on a trained model, told its
 * token through the environment, answering over HTTP with the saved preprocessing applied,
 * naming what is wrong with bad rows, and refusing callers without the token.
 */
class ServingReplicaTest {
    private static final String TOKEN = "a-replica-token";

    @TempDir
    static Path dir;
    private static Path modelDir;
    private Process replica;

    @BeforeAll
    static void train() throws Exception {
        Path csv = RegressionCsv.write(dir.resolve("data.csv"), 2_000, 0.0, 3);
        TrainingConfig config = TrainingRuns.config(dir, csv, 30);
        TrainingRuns.train(config);
        modelDir = config.modelDir();
    }

    @AfterEach
    void stop() throws Exception {
        if (replica != null) {
            replica.destroy();
            assertThat(replica.waitFor(20, TimeUnit.SECONDS)).as("a replica stops on SIGTERM").isTrue();
        }
    }

    @Test
    void answersPredictionsInTheTargetsUnitsAndBatchesConcurrentRequests() throws Exception {
        URI predict = start();

        // Half a standard deviation above each feature's mean: the generator's y is linear in those.
        double[] x = new double[RegressionCsv.WEIGHTS.length];
        double expected = RegressionCsv.INTERCEPT;
        for (int f = 0; f < x.length; f++) {
            x[f] = RegressionCsv.OFFSETS[f] + RegressionCsv.SCALES[f] * 0.5;
            expected += RegressionCsv.WEIGHTS[f] * 0.5;
        }
        JsonNode answer = json(send(predict, TOKEN, rows(x, x)), 200);
        assertThat(answer.path("model").asText()).isEqualTo("houses");
        assertThat(answer.path("version").asInt()).isEqualTo(3);
        assertThat(answer.path("predictions")).hasSize(2);
        assertThat(answer.path("predictions").get(0).asDouble()).isCloseTo(expected,
                Offset.offset(1.5));

        List<CompletableFuture<HttpResponse<String>>> concurrent = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            concurrent.add(HttpClient.newHttpClient().sendAsync(request(predict, TOKEN, rows(x)),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> response : concurrent) {
            assertThat(json(response.get(20, TimeUnit.SECONDS), 200).path("predictions").get(0).asDouble())
                    .as("batched with others or alone, the same row gets the same answer (to float rounding)")
                    .isCloseTo(answer.path("predictions").get(0).asDouble(), Offset.offset(1e-4));
        }
    }

    @Test
    void badRowsAreNamedAndOtherCallersRefused() throws Exception {
        URI predict = start();

        JsonNode missing = json(send(predict, TOKEN, "{\"rows\": [{\"x1\": 1, \"x2\": \"tall\"}]}"), 422);
        assertThat(missing.path("detail").asText()).contains("x2").contains("x3");
        assertThat(json(send(predict, TOKEN, "{\"items\": []}"), 422).path("detail").asText()).contains("rows");
        assertThat(send(predict, TOKEN, "{\"rows\": [").statusCode()).isEqualTo(400);
        assertThat(send(predict, "guess", rows(new double[8])).statusCode()).isEqualTo(401);
    }

    private URI start() throws Exception {
        Path config = dir.resolve("serve.json");
        Files.writeString(config, "{\"modelDir\": \"" + modelDir + "\", \"model\": \"houses\", \"version\": 3, "
                + "\"replicas\": [0], \"host\": \"127.0.0.1\"}");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), ServeMain.class.getName(), config.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("GANTRY_SERVE_TOKEN", TOKEN);
        replica = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(replica.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            Optional<ServingReady> ready = ServingReady.fromLine(line);
            if (ready.isPresent()) {
                assertThat(ready.get().version()).isEqualTo(3);
                return URI.create("http://127.0.0.1:" + ready.get().port() + "/predict");
            }
        }
        throw new AssertionError("the replica ended without saying it was ready; exit " + replica.waitFor());
    }

    private static String rows(double[]... rows) {
        StringBuilder json = new StringBuilder("{\"rows\": [");
        for (int r = 0; r < rows.length; r++) {
            json.append(r == 0 ? "{" : ", {");
            for (int f = 0; f < rows[r].length; f++) {
                json.append(f == 0 ? "" : ", ").append("\"x").append(f + 1).append("\": ").append(rows[r][f]);
            }
            json.append('}');
        }
        return json.append("]}").toString();
    }

    private static HttpRequest request(URI uri, String token, String body) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static HttpResponse<String> send(URI uri, String token, String body) throws Exception {
        return HttpClient.newHttpClient().send(request(uri, token, body), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return GantryJson.mapper().readTree(response.body());
    }
}
