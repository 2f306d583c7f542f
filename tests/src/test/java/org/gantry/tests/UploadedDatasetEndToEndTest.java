package org.gantry.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.gantry.scheduler.control.service.Tokens;
import org.gantry.tests.support.Api;
import org.gantry.tests.support.RegressionCsv;
import org.gantry.tests.support.Eventually;
import org.gantry.tests.support.JvmCluster;
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
    private static final String ADMIN = Tokens.generate();

    @TempDir
    Path dir;

    private JvmCluster jvms;

    @AfterEach
    void stopAll() {
        jvms.close();
    }

    @Test
    void aJobTrainsOnADatasetUploadedThroughTheApi() throws Exception {
        Api asTenant = cluster();
        Path csv = RegressionCsv.write(dir.resolve("upload.csv"), 4_000, 0.02, 11);

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
        jvms = new JvmCluster(dir, ADMIN);
        Api admin = jvms.startControl();
        jvms.startAgent("agent-a", "--gpus", "1");
        jvms.awaitNodes(admin, 1);
        return jvms.tenant(admin, "vision", 1, 1);
    }

    private String logs() {
        return jvms.logs();
    }
}
