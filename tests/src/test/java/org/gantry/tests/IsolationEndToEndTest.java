package org.gantry.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.gantry.tests.support.Api;
import org.gantry.tests.support.RegressionCsv;
import org.gantry.tests.support.Eventually;
import org.gantry.tests.support.GantryJvm;
import org.gantry.tests.support.Ports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Isolation as an operator gets it: {@code gantry up} run as root with its data dir in a
 * directory anyone may enter (as a home directory with umask 022 is). One tenant's job keeps a
 * secret in its environment and its working directory; another tenant's job tries to read the
 * admin token, the journal (where that secret is), the first job's directory and its
 * {@code /proc/PID/environ}, and those of the Gantry JVM: every attempt fails, and the node says
 * it isolates. Skips when not root, except under {@code GANTRY_REQUIRE_TEST_PEERS=1} (CI).
 */
class IsolationEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String SECRET = "s3cret-only-alpha-knows";

    @TempDir
    Path dir;

    private GantryJvm up;

    @AfterEach
    void stop() {
        if (up != null) {
            up.close();
        }
    }

    @Test
    void aTenantsJobReadsNothingOfGantrysNorOfAnotherTenants() throws Exception {
        Api admin = startUp();
        Path data = dir.resolve("data");
        Path tokenFile = data.resolve("admin.token");
        Path shared = Files.createDirectories(dir.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Api alpha = tenant(admin, "alpha");
        Api beta = tenant(admin, "beta");

        Path cwd = shared.resolve("victim.cwd");
        Path pid = shared.resolve("victim.pid");
        String victim = submit(alpha, "victim", "echo private > mine.txt; pwd > " + cwd + "; echo $$ > " + pid
                + "; exec sleep 600", "\"secretEnv\": {\"ALPHA_KEY\": \"" + SECRET + "\"}");
        Eventually.await("alpha's job to start", WAIT, () -> sizeOf(pid) > 0 && sizeOf(cwd) > 0,
                () -> alpha.get("/api/v1/jobs/" + victim).raw() + "\n" + up.tail());
        String victimDir = Files.readString(cwd).strip();
        String victimPid = Files.readString(pid).strip();

        String probe = String.join("; ",
                "id -u",
                "cat " + tokenFile + " && echo READ admin-token",
                "ls " + data + " && echo READ data-dir",
                "ls " + data.resolve("rocksdb") + " && echo READ journal-dir",
                "grep -rl " + SECRET + " " + data + " && echo READ journal",
                "cat " + victimDir + "/mine.txt && echo READ other-tenant-file",
                "ls " + victimDir + " && echo READ other-tenant-dir",
                "tr '\\0' '\\n' < /proc/" + victimPid + "/environ && echo READ other-environ",
                "tr '\\0' '\\n' < /proc/" + up.pid() + "/environ && echo READ gantry-environ",
                "true");
        String snoop = submit(beta, "snoop", probe, null);
        Eventually.await("beta's job to end", WAIT, () -> state(beta, snoop).equals("SUCCEEDED")
                || state(beta, snoop).equals("FAILED"), () -> beta.get("/api/v1/jobs/" + snoop).raw());
        String out = beta.get("/api/v1/jobs/" + snoop + "/logs").raw();
        String err = beta.get("/api/v1/jobs/" + snoop + "/logs?stream=stderr").raw();

        assertThat(state(beta, snoop)).as(err).isEqualTo("SUCCEEDED");
        assertThat(Integer.parseInt(out.lines().findFirst().orElseThrow().strip())).isBetween(61000, 61999);
        assertThat(out).as("what beta's job could read; its errors: " + err).doesNotContain("READ ")
                .doesNotContain(SECRET).doesNotContain("private");
        assertThat(err).contains("Permission denied");
        JsonNode node = admin.get("/api/v1/nodes").body().get("nodes").get(0);
        assertThat(node.path("isolation").path("mode").asText()).isEqualTo("tenant-uid");
        assertThat(alpha.delete("/api/v1/jobs/" + victim).status()).isEqualTo(200);
    }

    /**
     * A confined trainer still works: the uploaded dataset the agent fetched, its config and its
     * checkpoint directory are handed to the job's uid, the gantry jar and the JDK are readable to
     * it, and the agent (root) ships its checkpoints and publishes the model it wrote.
     */
    @Test
    void aConfinedTrainerCheckpointsAndSavesItsModel() throws Exception {
        Api admin = startUp();
        Api vision = tenant(admin, "vision");
        Path csv = RegressionCsv.write(dir.resolve("upload.csv"), 2_000, 0.02, 5);
        assertThat(vision.put("/api/v1/datasets/houses", csv, "text/csv").status()).isEqualTo(201);

        Api.Answer submitted = vision.post("/api/v1/jobs", "{\"name\":\"confined-mlp\",\"gpus\":1,"
                + "\"checkpoint\":{\"intervalSeconds\":1},\"resources\":{\"memory\":\"2Gi\"},"
                + "\"workload\":{\"kind\":\"djl-train\",\"dataset\":\"houses\",\"target\":\"y\","
                + "\"model\":\"houses\",\"epochs\":6,\"seed\":3}}");
        assertThat(submitted.status()).as(submitted.raw()).isEqualTo(201);
        String id = submitted.body().get("id").asText();
        Eventually.await("the confined trainer to succeed", Duration.ofSeconds(240),
                () -> !state(vision, id).equals("PENDING") && !state(vision, id).equals("SCHEDULED")
                        && !state(vision, id).equals("RUNNING"),
                () -> vision.get("/api/v1/jobs/" + id).raw() + "\n" + up.tail());

        assertThat(state(vision, id)).as(vision.get("/api/v1/jobs/" + id).raw() + "\n"
                + vision.get("/api/v1/jobs/" + id + "/logs?stream=stderr").raw()).isEqualTo("SUCCEEDED");
        assertThat(vision.get("/api/v1/models/houses").body().path("job").asText()).isEqualTo(id);
        assertThat(vision.get("/api/v1/jobs/" + id).body().path("spec").path("resources").path("memory").asText())
                .isEqualTo("2Gi");
    }

    /** {@code gantry up} with isolation, its data dir in a directory anyone may enter; the admin's client. */
    private Api startUp() throws IOException {
        requireRoot();
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path data = dir.resolve("data");
        int port = Ports.free();
        // No GANTRY_ADMIN_TOKEN: the admin token is generated into DATA/admin.token, as on a fresh machine.
        up = GantryJvm.start("up", dir.resolve("logs"), Map.of("GANTRY_ISOLATION", "auto"), "up", "--port",
                String.valueOf(port), "--data-dir", data.toString(), "--nodes", "1", "--gpus-per-node", "2");
        Path tokenFile = data.resolve("admin.token");
        Eventually.await("gantry up to write its admin token", WAIT, () -> Files.isRegularFile(tokenFile)
                && sizeOf(tokenFile) > 0, up::tail);
        Api admin = new Api("http://127.0.0.1:" + port, Files.readString(tokenFile).strip());
        Eventually.await("gantry up ready", WAIT, () -> admin.reachable("/readyz"), up::tail);
        assertThat(up.output()).contains("Jobs isolated: jobs run as uids 61000-61999");
        return admin;
    }

    private static Api tenant(Api admin, String name) {
        Api.Answer tenant = admin.post("/api/v1/tenants", "{\"name\":\"" + name + "\",\"quotas\":{\"default\":"
                + "{\"guaranteed\":1,\"limit\":1}}}");
        assertThat(tenant.status()).as(tenant.raw()).isEqualTo(201);
        return admin.withToken(tenant.body().get("token").asText());
    }

    private static String submit(Api tenant, String name, String script, String extra) {
        String json = "{\"name\":\"" + name + "\",\"gpus\":1,\"workload\":{\"kind\":\"process\",\"command\":"
                + "[\"sh\",\"-c\",\"" + script.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]"
                + (extra == null ? "" : "," + extra) + "}}";
        Api.Answer answer = tenant.post("/api/v1/jobs", json);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(201);
        return answer.body().get("id").asText();
    }

    private static String state(Api tenant, String job) {
        return tenant.get("/api/v1/jobs/" + job).body().path("state").asText();
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static void requireRoot() {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root && !"1".equals(System.getenv("GANTRY_REQUIRE_TEST_PEERS"))) {
            Assumptions.abort("isolation needs the agent to run as root");
        }
        assertThat(root).as("isolation needs root (GANTRY_REQUIRE_TEST_PEERS=1)").isTrue();
    }
}
