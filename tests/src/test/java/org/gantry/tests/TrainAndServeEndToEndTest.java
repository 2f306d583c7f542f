package org.gantry.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gantry.scheduler.control.service.Tokens;
import org.gantry.tests.support.Api;
import org.gantry.tests.support.Eventually;
import org.gantry.tests.support.JvmCluster;
import org.gantry.tests.support.RegressionCsv;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed pipeline as users run it, on a {@code gantry control} JVM and two {@code gantry agent}
 * JVMs: a {@code djl-train} job trains an MLP on a regression CSV (y linear in 8 features plus
 * Gaussian noise, 2% of rows with a missing value); its agent is killed with SIGKILL mid-training
 * and the job resumes on the other agent from its shipped checkpoint (the epoch count goes on);
 * it ends as version 1 of the model, with a validation MAE near the noise's own; a
 * {@code djl-serve} job then serves it and predictions come back through the REST API.
 */
class TrainAndServeEndToEndTest {
    private static final String ADMIN = Tokens.generate();
    private static final int EPOCHS = 24;

    @TempDir
    Path dir;

    private JvmCluster jvms;

    @AfterEach
    void stopAll() {
        jvms.close();
    }

    @Test
    void trainsThroughAnAgentKillResumingFromItsCheckpointThenServesTheModel() throws Exception {
        Api asTenant = cluster();
        Path csv = RegressionCsv.write(dir.resolve("houses.csv"), 10_000, 0.02, 7);
        String job = "{\"name\":\"houses-mlp\",\"gpus\":1,\"checkpoint\":{\"intervalSeconds\":1},"
                + "\"workload\":{\"kind\":\"djl-train\",\"datasetPath\":\"" + csv + "\",\"target\":\"y\","
                + "\"model\":\"houses\",\"epochs\":" + EPOCHS + ",\"seed\":7}}";
        Api.Answer submitted = asTenant.post("/api/v1/jobs", job);
        assertThat(submitted.status()).as(submitted.raw()).isEqualTo(201);
        String id = submitted.body().get("id").asText();

        // A few epochs in, with a checkpoint in the store: kill the agent that trains.
        Eventually.await("epoch 4 with a checkpoint stored", Duration.ofSeconds(120), () -> {
            JsonNode now = asTenant.get("/api/v1/jobs/" + id).body();
            return now.path("progress").path("epoch").asInt() >= 4 && now.has("lastCheckpoint");
        }, () -> asTenant.get("/api/v1/jobs/" + id).raw() + "\n" + logs());
        String first = asTenant.get("/api/v1/jobs/" + id).body().get("allocation").fieldNames().next();
        jvms.agent(first).kill9();

        Eventually.await("the job to succeed on the other agent", Duration.ofSeconds(180),
                () -> "SUCCEEDED".equals(asTenant.get("/api/v1/jobs/" + id).body().get("state").asText()),
                () -> asTenant.get("/api/v1/jobs/" + id + "/events").raw() + "\n" + logs());
        JsonNode done = asTenant.get("/api/v1/jobs/" + id).body();
        assertThat(done.get("attempt").asInt()).as("a second attempt").isGreaterThanOrEqualTo(2);
        assertThat(done.get("progress").get("epoch").asInt()).isEqualTo(EPOCHS);
        String events = asTenant.get("/api/v1/jobs/" + id + "/events").raw();
        int resumedAt = firstEpochOfAttempt(events, done.get("attempt").asInt());
        System.out.printf(Locale.ROOT, "djl-train: agent %s killed; attempt %d went on at epoch %d of %d%n", first,
                done.get("attempt").asInt(), resumedAt, EPOCHS);
        assertThat(resumedAt).as("the resumed attempt's first epoch: it did not start again at 1").isGreaterThan(1);

        JsonNode model = asTenant.get("/api/v1/models/houses").body();
        double noiseMae = RegressionCsv.NOISE_SIGMA * Math.sqrt(2 / Math.PI);
        double mae = model.get("metrics").get("validationMae").asDouble();
        System.out.printf(Locale.ROOT, "model houses v%d: validation MAE %.4f = %.2f x the noise's %.4f%n",
                model.get("version").asInt(), mae, mae / noiseMae, noiseMae);
        assertThat(model.get("version").asInt()).isEqualTo(1);
        assertThat(model.get("job").asText()).isEqualTo(id);
        assertThat(model.get("features")).hasSize(8);
        assertThat(mae).as("validation MAE within 1.5x of the noise's own").isLessThan(1.5 * noiseMae);

        serve(asTenant);
    }

    private void serve(Api asTenant) {
        Api.Answer deployed = asTenant.post("/api/v1/jobs", "{\"name\":\"houses-serve\",\"gpus\":1,"
                + "\"workload\":{\"kind\":\"djl-serve\",\"model\":\"houses\"}}");
        assertThat(deployed.status()).as(deployed.raw()).isEqualTo(201);
        StringBuilder row = new StringBuilder("{\"rows\":[{");
        double expected = RegressionCsv.INTERCEPT;
        for (int f = 0; f < RegressionCsv.WEIGHTS.length; f++) {
            row.append(f == 0 ? "" : ",").append("\"x").append(f + 1).append("\":")
                    .append(RegressionCsv.OFFSETS[f] + RegressionCsv.SCALES[f]);
            expected += RegressionCsv.WEIGHTS[f];
        }
        String rows = row.append("}]}").toString();
        Eventually.await("a replica to answer", Duration.ofSeconds(120),
                () -> asTenant.post("/api/v1/models/houses/predict", rows).status() == 200, this::logs);
        JsonNode answer = asTenant.post("/api/v1/models/houses/predict", rows).body();
        assertThat(answer.get("model").asText()).isEqualTo("houses");
        assertThat(answer.get("version").asInt()).isEqualTo(1);
        assertThat(answer.get("predictions").get(0).asDouble()).as("one standard deviation up in every feature")
                .isBetween(expected - 1.5, expected + 1.5);
        Api.Answer refused = asTenant.post("/api/v1/models/houses/predict", "{\"rows\":[{\"x1\":1}]}");
        assertThat(refused.status()).as(refused.raw()).isEqualTo(422);
        assertThat(refused.raw()).contains("x2");
    }

    /** The first epoch the job's events show for {@code attempt}. */
    private static int firstEpochOfAttempt(String events, int attempt) {
        Matcher epochs = Pattern.compile("epochs? (\\d+)(?:–\\d+)? of \\d+ \\(attempt " + attempt + "\\)").matcher(events);
        assertThat(epochs.find()).as("progress events of attempt " + attempt + " in " + events).isTrue();
        return Integer.parseInt(epochs.group(1));
    }

    private Api cluster() {
        jvms = new JvmCluster(dir, ADMIN);
        Api admin = jvms.startControl();
        jvms.startAgent("agent-a", "--gpus", "1");
        jvms.startAgent("agent-b", "--gpus", "1");
        jvms.awaitNodes(admin, 2);
        return jvms.tenant(admin, "vision", 2, 2);
    }

    private String logs() {
        return jvms.logs();
    }
}
