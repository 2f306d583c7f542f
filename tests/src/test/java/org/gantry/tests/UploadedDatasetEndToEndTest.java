package org.gantry.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.gantry.tests.support.Api;
import org.gantry.tests.support.Eventually;
import org.gantry.tests.support.GantryJvm;
import org.gantry.tests.support.Ports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dataset uploaded through the REST API is what a {@code djl-train} job trains on, on a
 * {@code gantry control} JVM and a {@code gantry agent} JVM that never saw the file: the upload is
 * validated and stored on the control plane, a submit naming a column the dataset lacks is refused
 * at {@code $.workload.target}, and the job's agent fetches the dataset before the trainer starts.
 */
class UploadedDatasetEndToEndTest {
    private static final String ADMIN = "dataset-admin-token";

    @TempDir
    Path dir;

    private final List<GantryJvm> jvms = new ArrayList<>();

    @AfterEach
    void stopAll() {
        jvms.forEach(GantryJvm::close);
    }

    @Test
    void aJobTrainsOnADatasetUploadedThroughTheApi() throws Exception {
        Api asTenant = cluster();
        Path csv = TrainAndServeEndToEndTest.regressionCsv(dir.resolve("upload.csv"), 4_000, 0.02, 11);

        Api.Answer uploaded = asTenant.put("/api/v1/datasets/houses", csv, "text/csv");
        assertThat(uploaded.status()).as(uploaded.raw()).isEqualTo(201);
        assertThat(uploaded.body().get("rows").asLong()).isEqualTo(4_000);
        assertThat(uploaded.body().get("columns")).hasSize(9);
        assertThat(asTenant.get("/api/v1/datasets").body().get("datasets").findValuesAsText("name")).containsExactly("houses");

        Api.Answer wrongTarget = asTenant.post("/api/v1/jobs", job("price"));
        assertThat(wrongTarget.status()).as(wrongTarget.raw()).isEqualTo(422);
        assertThat(wrongTarget.body().get("errors").get(0).get("path").asText()).isEqualTo("$.workload.target");

        Api.Answer submitted = asTenant.post("/api/v1/jobs", job("y"));
        assertThat(submitted.status()).as(submitted.raw()).isEqualTo(201);
        String id = submitted.body().get("id").asText();
        Eventually.await("the job to succeed", Duration.ofSeconds(180),
                () -> "SUCCEEDED".equals(asTenant.get("/api/v1/jobs/" + id).body().get("state").asText()),
                () -> asTenant.get("/api/v1/jobs/" + id + "/events").raw() + "\n" + logs());

        JsonNode model = asTenant.get("/api/v1/models/houses").body();
        double noiseMae = 0.5 * Math.sqrt(2 / Math.PI); // the generator's noise: sigma 0.5
        double mae = model.get("metrics").get("validationMae").asDouble();
        System.out.printf(Locale.ROOT, "model houses v%d from the uploaded dataset: validation MAE %.4f = %.2f x the "
                + "noise's %.4f%n", model.get("version").asInt(), mae, mae / noiseMae, noiseMae);
        assertThat(model.get("job").asText()).isEqualTo(id);
        assertThat(model.get("features")).hasSize(8);
        assertThat(mae).as("validation MAE within 1.5x of the noise's own").isLessThan(1.5 * noiseMae);
    }

    private static String job(String target) {
        return "{\"name\":\"houses-upload\",\"gpus\":1,\"workload\":{\"kind\":\"djl-train\",\"dataset\":\"houses\","
                + "\"target\":\"" + target + "\",\"model\":\"houses\",\"epochs\":12,\"seed\":3}}";
    }

    private Api cluster() {
        int httpPort = Ports.free();
        int clusterPort = Ports.free();
        start("control", "control", "--port", String.valueOf(httpPort), "--cluster-port", String.valueOf(clusterPort),
                "--data-dir", dir.resolve("control").toString());
        Api admin = new Api("http://127.0.0.1:" + httpPort, ADMIN);
        Eventually.await("the control plane to be ready", Duration.ofSeconds(60), () -> admin.reachable("/readyz"),
                this::logs);
        start("agent-a", "agent", "--seed", "127.0.0.1:" + clusterPort, "--gpus", "1", "--node-name", "agent-a",
                "--data-dir", dir.resolve("agent-a").toString());
        Eventually.await("the agent to register", Duration.ofSeconds(60),
                () -> admin.get("/api/v1/nodes").body().get("nodes").size() == 1, this::logs);
        Api.Answer tenant = admin.post("/api/v1/tenants",
                "{\"name\":\"vision\",\"quotas\":{\"default\":{\"guaranteed\":1,\"limit\":1}}}");
        assertThat(tenant.status()).as(tenant.raw()).isEqualTo(201);
        return admin.withToken(tenant.body().get("token").asText());
    }

    private void start(String name, String... args) {
        jvms.add(GantryJvm.start(name, dir.resolve("logs"), Map.of("GANTRY_ADMIN_TOKEN", ADMIN), args));
    }

    private String logs() {
        return jvms.stream().map(GantryJvm::tail).collect(Collectors.joining("\n"));
    }
}
