package org.gantry.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.gantry.tests.support.GantryJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code djl-train} entry point from the fat jar alone, as the agent starts it: DJL must find
 * PyTorch's natives inside the jar and unpack them into an empty cache, with offline mode on
 * (the trainer sets it), so a node without internet trains.
 */
class DjlFatJarTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void trainsFromTheJarWithAnEmptyNativeCacheAndOffline() throws Exception {
        Path csv = writeRegression(dir.resolve("data.csv"));
        Path config = Files.writeString(dir.resolve("config.json"), "{\"dataset\": \"" + csv + "\", \"target\": \"y\","
                + " \"epochs\": 3, \"checkpointDir\": \"" + dir.resolve("checkpoint") + "\", \"modelDir\": \""
                + dir.resolve("model") + "\"}");
        Path log = dir.resolve("train.log");
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m", "-cp", GantryJvm.jar().toString(), "org.gantry.djl.TrainMain", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("DJL_CACHE_DIR", dir.resolve("djl-cache").toString());
        builder.environment().remove("DJL_OFFLINE");
        Process process = builder.start();

        boolean ended = process.waitFor(180, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(ended).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("GANTRY_PROGRESS {\"epoch\":3,\"epochs\":3,");
        try (var unpacked = Files.list(dir.resolve("djl-cache").resolve("pytorch"))) {
            assertThat(unpacked.map(p -> p.getFileName().toString())).as("natives unpacked from the jar")
                    .anyMatch(name -> name.endsWith("cpu-linux-x86_64"));
        }
        JsonNode model = JSON.readTree(dir.resolve("model").resolve("model.json").toFile());
        assertThat(model.path("target").asText()).isEqualTo("y");
        assertThat(model.path("metrics").path("validationMae").asDouble()).isPositive();
    }

    private static Path writeRegression(Path file) throws IOException {
        Random random = new Random(1);
        try (Writer out = Files.newBufferedWriter(file)) {
            out.write("a,b,c,y\n");
            for (int r = 0; r < 2_000; r++) {
                double a = random.nextGaussian();
                double b = random.nextGaussian() * 10;
                double c = random.nextGaussian() + 5;
                out.write(a + "," + b + "," + c + "," + (2 * a - 0.3 * b + c + 0.1 * random.nextGaussian()) + "\n");
            }
        }
        return file;
    }
}
