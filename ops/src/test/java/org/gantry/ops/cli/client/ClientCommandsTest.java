package org.gantry.ops.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.pekko.actor.typed.ActorSystem;
import org.gantry.api.client.GantryClient;
import org.gantry.ops.cli.CliRun;
import org.gantry.ops.cli.CliRun.Result;
import org.gantry.ops.node.ControlNode;
import org.gantry.ops.node.GantryNode;
import org.gantry.ops.node.NodeOptions;
import org.gantry.ops.node.SimulatedFleet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client commands against a real control plane in this JVM (one node, 4 simulated GPUs),
 * over real HTTP. All in one class: one control plane serves every test.
 */
class ClientCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HELLO = "{\"name\":\"hello\",\"tenant\":\"default\",\"gpus\":1,"
            + "\"workload\":{\"kind\":\"process\",\"command\":[\"sh\",\"-c\",\"echo hi\"]}}";
    private static final String LONG = "{\"name\":\"long\",\"tenant\":\"default\",\"gpus\":1,"
            + "\"workload\":{\"kind\":\"simulated\",\"seconds\":600}}";

    private static ActorSystem<Void> system;
    private static ControlNode control;
    private static GantryClient admin;
    private static Path dataDir;

    @BeforeAll
    static void startControlPlane() throws Exception {
        dataDir = Files.createTempDirectory("gantry-cli-test");
        system = GantryNode.start(new NodeOptions(Set.of("control", "gpu-node"), "127.0.0.1", 0, List.of(), dataDir));
        control = ControlNode.start(system, dataDir, "127.0.0.1", 0);
        SimulatedFleet.start(system, dataDir.resolve("nodes"), 1, 4);
        assertThat(control.awaitReady(Duration.ofSeconds(30))).isTrue();
        control.ensureTenant("default", 4);
        admin = new GantryClient(control.url(), control.adminToken());
    }

    @AfterAll
    static void stopControlPlane() throws Exception {
        if (system != null) {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().join();
        }
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    @Test
    void submitFromAFileThenListShowLogAndExplainIt() throws Exception {
        Path file = dataDir.resolve("hello.json");
        Files.writeString(file, HELLO);

        Result submitted = gantry("submit", file.toString());
        assertThat(submitted.exit()).as(submitted.err()).isZero();
        String id = submitted.out().strip();
        assertThat(id).matches("j-\\S+");
        awaitState(id, "SUCCEEDED");

        Result jobs = gantry("jobs");
        assertThat(jobs.exit()).isZero();
        assertThat(jobs.out()).containsPattern("(?m)^ID\\s+STATE\\s+TENANT\\s+NAME\\s+GPUS\\s+AGE\\s+NODES$")
                .containsPattern("(?m)^" + id + "\\s+SUCCEEDED\\s+default\\s+hello\\s+1\\s+\\d+s");
        JsonNode page = JSON.readTree(gantry("jobs", "--json", "--state", "succeeded").out());
        assertThat(page.path("jobs").findValuesAsText("id")).contains(id);
        assertThat(gantry("jobs", "--all", "--limit", "1", "--json").out()).contains(id);

        Result job = gantry("job", id);
        assertThat(job.exit()).isZero();
        assertThat(job.out()).containsPattern("(?m)^State:\\s+SUCCEEDED$")
                .containsPattern("(?m)^Exit code:\\s+0$")
                .contains("process: sh -c 'echo hi'")
                .contains("Events:")
                .containsPattern("(?m)^  \\S+Z\\s+Scheduled\\s+SCHEDULED\\s+.*node-1 \\[0\\]$")
                .containsPattern("(?m)^  \\S+Z\\s+Finished\\s+SUCCEEDED\\s+");
        assertThat(JSON.readTree(gantry("job", id, "--json").out()).path("state").asText()).isEqualTo("SUCCEEDED");

        Result logs = gantry("logs", id);
        assertThat(logs.exit()).isZero();
        assertThat(logs.out()).isEqualTo("hi" + System.lineSeparator());
        assertThat(gantry("logs", "-f", id).out()).isEqualTo(logs.out());

        Result explain = gantry("explain", id);
        assertThat(explain.exit()).isZero();
        assertThat(explain.out()).startsWith(id + " SUCCEEDED");

        Result tooLate = gantry("cancel", id);
        assertThat(tooLate.exit()).isEqualTo(1);
        assertThat(tooLate.err()).startsWith("gantry cancel: Conflict: ");
    }

    /**
     * Tried as a new user would: {@code logs -f} on a pending job waited for nothing and stopped
     * at a requeue, and an earlier attempt's output was unreachable. Now it waits for the start,
     * follows the retry (headed by where it ran), and each attempt is listed and readable.
     */
    @Test
    void logsFollowAPendingJobAcrossItsAttemptsAndEachAttemptIsListedAndReadable() throws Exception {
        String blocker = admin.submit(("{\"name\":\"blocker\",\"tenant\":\"default\",\"gpus\":4,"
                + "\"workload\":{\"kind\":\"simulated\",\"seconds\":600}}"), null).id();
        awaitState(blocker, "RUNNING");
        Path marker = dataDir.resolve("failed-once");
        String retried = admin.submit(("{\"name\":\"flaky\",\"tenant\":\"default\",\"gpus\":1,"
                + "\"maxRetries\":1,\"workload\":{\"kind\":\"process\",\"command\":[\"sh\",\"-c\","
                + "\"if [ -e " + marker + " ]; then echo second; else touch " + marker + "; echo first; exit 3; fi\"]}}"),
                null).id();
        assertThat(admin.job(retried).path("state").asText()).isEqualTo("PENDING");

        // The follower must be connected before the blocker goes, or it rightly starts at the attempt
        // placed by then. Under load the CLI's first `logs` took over 2 s to reach the server, so the
        // path is warmed first, and the follower runs on a thread of its own: the common pool has one
        // thread on 2 cores, shared with this JVM's control plane.
        assertThat(gantry("logs", blocker).exit()).isZero();
        var follower = java.util.concurrent.Executors.newSingleThreadExecutor();
        var followed = java.util.concurrent.CompletableFuture.supplyAsync(() -> gantry("logs", "-f", retried), follower);
        follower.shutdown();
        Thread.sleep(3000); // the follower is waiting on a pending job, not returned empty-handed
        assertThat(followed).isNotDone();
        admin.cancel(blocker);

        Result all = followed.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(all.exit()).as(all.err()).isZero();
        assertThat(all.out()).isEqualTo(String.join(System.lineSeparator(), "first", "==> attempt 2 on node-1 <==",
                "second", ""));
        assertThat(admin.job(retried).path("state").asText()).isEqualTo("SUCCEEDED");

        assertThat(gantry("logs", "--attempt", "1", retried).out()).isEqualTo("first" + System.lineSeparator());
        assertThat(gantry("logs", "--attempt", "2", retried).out()).isEqualTo("second" + System.lineSeparator());
        Result none = gantry("logs", "--attempt", "3", retried);
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.err()).contains("has no attempt 3").contains("1 to 2");

        JsonNode attempts = JSON.readTree(gantry("job", retried, "-o", "json").out()).path("attempts");
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(0).path("outcome").asText()).isEqualTo("RETRIED");
        assertThat(attempts.get(0).path("allocation").has("node-1")).isTrue();
        assertThat(attempts.get(0).hasNonNull("startedAt")).isTrue();
        assertThat(attempts.get(1).path("outcome").asText()).isEqualTo("SUCCEEDED");
        assertThat(attempts.get(1).path("exitCode").asInt()).isZero();
        assertThat(gantry("job", retried).out()).contains("Attempts:").containsPattern("(?m)^  1\\s+node-1\\[\\d\\]\\s+.*RETRIED");
        // A short id names the one job it starts; a start shared by two is refused, naming both.
        assertThat(gantry("job", retried.substring(0, 15)).out()).containsPattern("(?m)^ID:\\s+" + retried + "$");
        int common = 0;
        while (blocker.charAt(common) == retried.charAt(common)) {
            common++;
        }
        Result ambiguous = gantry("job", retried.substring(0, Math.max(common, 4)));
        assertThat(ambiguous.exit()).isEqualTo(1);
        assertThat(ambiguous.err()).contains("several jobs").containsAnyOf(retried, blocker);
        assertThat(gantry("job", "j-").err()).contains("at least 4 characters");
        assertThat(gantry("logs", "-o", "json", "--attempt", "1", retried).out().strip())
                .isEqualTo("{\"stream\":\"stdout\",\"line\":\"first\"}");
    }

    @Test
    void submitWaitFollowsTheJobAndExitsAsItDid() throws Exception {
        Path failing = dataDir.resolve("exits-7.json");
        Files.writeString(failing, "{\"name\":\"seven\",\"tenant\":\"default\",\"gpus\":1,"
                + "\"workload\":{\"kind\":\"process\",\"command\":[\"sh\",\"-c\",\"sleep 1; exit 7\"]}}");
        Result failed = gantry("submit", "--wait", failing.toString());
        assertThat(failed.exit()).as(failed.err()).isEqualTo(7);
        String id = failed.out().strip();
        assertThat(id).matches("j-\\S+");
        assertThat(failed.err()).contains(id + ": RUNNING on node-1[").contains(id + ": FAILED");

        Path hello = dataDir.resolve("hello-wait.json");
        Files.writeString(hello, HELLO);
        Result succeeded = gantry("submit", "--wait", hello.toString());
        assertThat(succeeded.exit()).as(succeeded.err()).isZero();
        assertThat(succeeded.err()).contains(": SUCCEEDED");
    }

    /**
     * Tried as a new user would: a 64-GPU job on a 4-GPU cluster was accepted silently and later
     * explained as RESERVED, then NOT_REACHED. It is still accepted (nodes may join), with a
     * warning, and its explanation says it can never start, with its own numbers.
     */
    @Test
    void aJobThatCanNeverStartIsAcceptedWithAWarningAndExplainedSo() throws Exception {
        Path huge = dataDir.resolve("never.json");
        Files.writeString(huge, LONG.replace("\"gpus\":1", "\"gpus\":64"));

        Result submitted = gantry("submit", huge.toString());

        assertThat(submitted.exit()).as(submitted.err()).isZero();
        String id = submitted.out().strip();
        assertThat(submitted.err()).startsWith("warning: job can never start: needs 64 GPUs")
                .contains("submit it with at most 4 GPUs");
        try {
            JsonNode why = JSON.readTree(gantry("explain", id, "--json").out());
            for (int tries = 0; why.path("reason").asText().equals("NOT_PLANNED") && tries < 100; tries++) {
                Thread.sleep(100);
                why = JSON.readTree(gantry("explain", id, "--json").out());
            }
            assertThat(why.path("reason").asText()).isEqualTo("NEVER_FITS");
            assertThat(why.path("detail").asText()).contains("needs 64 GPUs").doesNotContain("ahead of it");
            assertThat(why.has("estimatedStart")).isFalse();
        } finally {
            assertThat(gantry("cancel", id).exit()).isZero();
        }
    }

    /** A job waiting behind a running one is told when it will start, with a range, from the background forecast. */
    @Test
    void aWaitingJobIsToldWhenItWillStartWithARange() throws Exception {
        // Its own estimate: otherwise the predictor falls back to what it learned from this class's
        // earlier jobs (1 s `hello`s), and the forecast could place the start in the past by the time it is read.
        String wide = LONG.replace("\"gpus\":1", "\"gpus\":4,\"estimatedDuration\":\"PT10M\"");
        String blocker = admin.submit(wide, null).id();
        String waiting = admin.submit(wide, null).id();
        try {
            JsonNode why = JSON.readTree(gantry("explain", waiting, "--json").out());
            for (int tries = 0; !why.has("estimatedStartRange") && tries < 300; tries++) {
                Thread.sleep(100);
                why = JSON.readTree(gantry("explain", waiting, "--json").out());
            }
            assertThat(why.path("state").asText()).isEqualTo("PENDING");
            Instant start = Instant.parse(why.path("estimatedStart").asText());
            Instant earliest = Instant.parse(why.path("estimatedStartRange").path("earliest").asText());
            Instant latest = Instant.parse(why.path("estimatedStartRange").path("latest").asText());
            assertThat(earliest).isBeforeOrEqualTo(start);
            assertThat(latest).isAfterOrEqualTo(start);
            assertThat(start).isAfter(Instant.now()); // behind a 600 s job that just started
            assertThat(gantry("explain", waiting).out()).contains("10-90% range");
            JsonNode queue = JSON.readTree(gantry("queue", "--json").out());
            assertThat(queue.toString()).contains("estimatedStartRange");
            assertThat(gantry("queue", "-o", "wide").out()).contains("10-90% RANGE")
                    .containsPattern("(?m)^.*" + waiting + ".* (now|in \\d+[smh]) - (now|in \\d+[smh]) .*$");
            assertThat(gantry("queue").out()).doesNotContain("10-90% RANGE").contains(waiting);
            JsonNode job = JSON.readTree(gantry("job", waiting, "--json").out());
            assertThat(job.path("estimatedStartRange").path("latest").asText()).isNotEmpty();
            assertThat(Instant.parse(job.path("estimatedStart").asText()))
                    .isBeforeOrEqualTo(Instant.parse(job.path("estimatedStartRange").path("latest").asText()));
            assertThat(gantry("job", waiting).out())
                    .containsPattern("(?m)^Est\\. start: .*\\(10-90% range .* to .*\\)$");
            assertThat(JSON.readTree(gantry("job", blocker, "--json").out()).has("estimatedStart"))
                    .as("a running job has no estimate").isFalse();
        } finally {
            gantry("cancel", waiting);
            gantry("cancel", blocker);
        }
    }

    @Test
    void aDryRunSaysWhereAndWhenAJobWouldStartAndSubmitsNothing() throws Exception {
        int before = admin.jobs(null, null, 1000, null).path("jobs").size();
        Path small = dataDir.resolve("dry-small.json");
        Files.writeString(small, HELLO);
        Result now = gantry("submit", "--dry-run", small.toString());
        assertThat(now.exit()).as(now.err()).isZero();
        assertThat(now.out()).contains("Valid. It would start now on node-1[").contains("tenant default, pool default")
                .contains("Nothing was submitted.");

        Path huge = dataDir.resolve("dry-huge.json");
        Files.writeString(huge, HELLO.replace("\"gpus\":1", "\"gpus\":64"));
        JsonNode wait = JSON.readTree(gantry("submit", "--dry-run", "-o", "json", huge.toString()).out());
        assertThat(wait.path("startsNow").asBoolean()).isFalse();
        assertThat(wait.path("reason").asText()).isEqualTo("NEVER_FITS");
        assertThat(wait.path("detail").asText()).contains("needs 64 GPUs");

        Path invalid = dataDir.resolve("dry-invalid.json");
        Files.writeString(invalid, HELLO.replace("\"gpus\":1", "\"gpus\":0"));
        Result refused = gantry("submit", "--dry-run", invalid.toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("gpus");
        assertThat(admin.jobs(null, null, 1000, null).path("jobs").size()).isEqualTo(before);
    }

    /** A real child JVM, so its environment is its own: the profile is found through XDG_CONFIG_HOME. */
    @Test
    void loginSavesAProfileThatLaterCommandsUseOwnerOnly() throws Exception {
        Path home = dataDir.resolve("xdg");
        Result refused = cli(Map.of("XDG_CONFIG_HOME", home.toString()), "login", "--url", control.url(),
                "--token", "not-a-token");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(home.resolve("gantry/config")).doesNotExist(); // nothing saved for a token that was refused

        Result login = cli(Map.of("XDG_CONFIG_HOME", home.toString()), "login", "--url", control.url(),
                "--token", control.adminToken());
        assertThat(login.exit()).as(login.err()).isZero();
        assertThat(login.out()).contains("Logged in to " + control.url() + " as the admin").contains("default");
        Path profile = home.resolve("gantry/config");
        assertThat(java.nio.file.Files.getPosixFilePermissions(profile))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

        Result nodes = cli(Map.of("XDG_CONFIG_HOME", home.toString()), "nodes"); // no flag, no environment
        assertThat(nodes.exit()).as(nodes.err()).isZero();
        assertThat(nodes.out()).contains("node-1");
    }

    @Test
    void aJobThatPrintsItsSecretGetsItMaskedInTheLogsTheApiServes() throws Exception {
        Path file = dataDir.resolve("leaky.json");
        Files.writeString(file, "{\"name\":\"leaky\",\"tenant\":\"default\",\"gpus\":1,\"workload\":{\"kind\":"
                + "\"process\",\"command\":[\"sh\",\"-c\",\"echo key=$API_KEY; printf tail-$API_KEY\"],"
                + "\"secretEnv\":{\"API_KEY\":\"hunter2-very-secret\"}}}");
        Result submitted = gantry("submit", "--wait", file.toString());
        assertThat(submitted.exit()).as(submitted.err()).isZero();
        String id = submitted.out().strip();

        assertThat(gantry("logs", id).out()).isEqualTo("key=***" + System.lineSeparator() + "tail-***"
                + System.lineSeparator());
        assertThat(gantry("logs", "-f", id).out()).doesNotContain("hunter2");
        assertThat(gantry("job", id, "-o", "json").out()).doesNotContain("hunter2");
    }

    @Test
    void topDrawsPoolsNodesAndTheQueueOnce() {
        Result top = gantry("top", "--once");
        assertThat(top.exit()).as(top.err()).isZero();
        assertThat(top.out()).containsPattern("(?m)^POOL\\s+NODES\\s+GPUS\\s+FREE\\s+USE")
                .containsPattern("(?m)^default\\s+1\\s+4\\s+\\d\\s+\\[[#.]{10}\\]")
                .containsPattern("(?m)^node-1\\s+default\\s+READY\\s+4")
                .containsPattern("(?m)^Queue: ")
                .doesNotContain("\u001b[2J"); // one frame, no screen clearing, when not on a terminal
        assertThat(TopCommand.bar(3, 4)).isEqualTo("[########..]");
        assertThat(TopCommand.bar(0, 0)).isEqualTo("[..........]");
    }

    @Test
    void completionIsGeneratedFromTheCommands() {
        Result completion = run("completion");
        assertThat(completion.exit()).isZero();
        assertThat(completion.out()).contains("complete -F").contains("submit").contains("--idempotency-key");
    }

    /** {@code gantry args} in a child JVM on this test's classpath, with {@code env} and no GANTRY_* variables. */
    private static Result cli(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.gantry.ops.cli.GantryCommand"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("GANTRY_"));
        builder.environment().putAll(env);
        Path out = Files.createTempFile(dataDir, "cli", ".out");
        Path err = Files.createTempFile(dataDir, "cli", ".err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void submitFromStdinIsIdempotentWithAKeyAndCancels() {
        Result first = withStdin(LONG, () -> gantry("submit", "-", "--idempotency-key", "stdin-1"));
        assertThat(first.exit()).as(first.err()).isZero();
        String id = first.out().strip();
        Result again = withStdin(LONG, () -> gantry("submit", "-", "--idempotency-key", "stdin-1"));
        assertThat(again.out().strip()).isEqualTo(id);
        assertThat(again.err()).contains("already named job " + id);

        Result cancel = gantry("cancel", id);
        assertThat(cancel.exit()).as(cancel.err()).isZero();
        assertThat(cancel.out()).startsWith(id + " ");
        awaitState(id, "CANCELLED");

        // Cancelling a cancelled job is a repeat, not an error.
        assertThat(gantry("cancel", id).out()).isEqualTo(id + " CANCELLED" + System.lineSeparator());
    }

    @Test
    void anInvalidJobIsRefusedWithEveryError() {
        String bad = "{\"name\":\"bad\",\"tenant\":\"default\",\"gpus\":0,\"workload\":{\"kind\":\"process\"}}";
        Result r = withStdin(bad, () -> gantry("submit", "-"));

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("gantry submit: Invalid request: ")
                .containsPattern("(?m)^  \\$\\.gpus: .+")
                .containsPattern("(?m)^  \\$\\.workload\\.command: .+");
    }

    @Test
    void anUnknownJobIsNotFound() {
        Result r = gantry("job", "j-doesnotexist");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("gantry job: Not found");
    }

    @Test
    void aBadTokenIsRefusedWithAHint() {
        Result r = run("jobs", "--url", control.url(), "--token", "not-a-token");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("gantry jobs: Authentication required: the bearer token is not valid")
                .contains("GANTRY_TOKEN");
    }

    @Test
    void anUnreachableServerSaysWhereItLooked() {
        Result r = run("nodes", "--url", "http://127.0.0.1:1", "--token", "x");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("gantry nodes: cannot reach Gantry at http://127.0.0.1:1: is it running? "
                + "set GANTRY_URL");
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(gantry("jobs", "--limit", "many").exit()).isEqualTo(2);
        assertThat(gantry("job").exit()).isEqualTo(2);
        Result badUrl = run("jobs", "--url", "localhost:8080", "--token", "x");
        assertThat(badUrl.exit()).isEqualTo(2);
        assertThat(badUrl.err()).contains("--url: 'localhost:8080' is not a URL like http://localhost:8080");
    }

    @Test
    void nodesCordonAndUncordon() throws Exception {
        Result nodes = gantry("nodes");
        assertThat(nodes.exit()).isZero();
        assertThat(nodes.out()).containsPattern("(?m)^NODE\\s+POOL\\s+STATUS\\s+GPUS\\s+FREE")
                .containsPattern("(?m)^node-1\\s+default\\s+READY\\s+4\\s+");
        Result wide = gantry("nodes", "-o", "wide");
        assertThat(wide.out()).containsPattern("(?m)^NODE\\s+POOL\\s+STATUS\\s+GPUS\\s+FREE\\s+UNHEALTHY")
                .containsPattern("(?m)^node-1\\s+default\\s+READY\\s+.*\\s(none|tenant-uid)\\s")
                .containsPattern("(?m)^NODE\\s+GPU\\s+UUID\\s+MODEL\\s+UTIL\\s+MEMORY\\s+TEMP\\s+HEALTH")
                .containsPattern("(?m)^node-1\\s+3\\s+-\\s+Simulated-GPU\\s+-\\s+-/81920 MiB\\s+-\\s+healthy");
        assertThat(gantry("nodes", "-o", "yaml").err()).contains("expected one of [json, wide]").contains("'yaml'");

        try {
            Result cordon = gantry("cordon", "node-1");
            assertThat(cordon.exit()).as(cordon.err()).isZero();
            assertThat(cordon.out()).isEqualTo("node-1 CORDONED" + System.lineSeparator());
            JsonNode listed = JSON.readTree(gantry("nodes", "--json").out());
            assertThat(listed.path("nodes").get(0).path("status").asText()).isEqualTo("CORDONED");
        } finally {
            Result uncordon = gantry("uncordon", "node-1");
            assertThat(uncordon.out()).isEqualTo("node-1 READY" + System.lineSeparator());
        }
        assertThat(gantry("cordon", "no-such-node").exit()).isEqualTo(1);
    }

    @Test
    void quotaAndTenantsForTheAdminAndForATenant() throws Exception {
        Result quota = gantry("quota");
        assertThat(quota.exit()).as(quota.err()).isZero();
        assertThat(quota.out()).containsPattern("(?m)^TENANT\\s+POOL\\s+GUARANTEED\\s+LIMIT\\s+USED\\s+BORROWED\\s+PENDING$")
                .containsPattern("(?m)^default\\s+default\\s+4\\s+unlimited\\s+\\d+\\s+\\d+\\s+\\d+$");
        JsonNode one = JSON.readTree(gantry("quota", "default", "--json").out());
        assertThat(one.path("tenant").asText()).isEqualTo("default");
        assertThat(JSON.readTree(gantry("quota", "--json").out()).path("quotas").findValuesAsText("tenant"))
                .contains("default");

        Result tenants = gantry("tenants");
        assertThat(tenants.out()).containsPattern("(?m)^default\\s+default: 4/unlimited$");

        String token = admin.createTenant("{\"name\":\"vision\",\"quotas\":{\"default\":{\"guaranteed\":1,\"limit\":2}}}")
                .path("token").asText();
        Result own = run("quota", "--url", control.url(), "--token", token);
        assertThat(own.exit()).as(own.err()).isZero();
        assertThat(own.out()).containsPattern("(?m)^vision\\s+default\\s+1\\s+2\\s+0\\s+0\\s+0$")
                .doesNotContain("\ndefault ");
        Result others = run("jobs", "--tenant", "default", "--url", control.url(), "--token", token);
        assertThat(others.exit()).isEqualTo(1);
        assertThat(others.err()).startsWith("gantry jobs: Forbidden: ");
        assertThat(run("cordon", "node-1", "--url", control.url(), "--token", token).exit()).isEqualTo(1);
    }

    @Test
    void uploadListShowAndDeleteADatasetAndABadFileNamesItsLineAndColumn() throws Exception {
        Path good = Files.writeString(dataDir.resolve("houses.csv"), "rooms,area,price\n3,70,210\n4,95,280.5\n2,,150\n");
        Result uploaded = gantry("upload-dataset", "houses", good.toString(), "--tenant", "default");
        assertThat(uploaded.exit()).as(uploaded.err()).isZero();
        assertThat(uploaded.out()).contains("Dataset houses (tenant default): 3 rows, 44 bytes")
                .contains("columns: rooms, area, price");

        Result listed = gantry("datasets", "--tenant", "default");
        assertThat(listed.out()).containsPattern("(?m)^DATASET\\s+TENANT\\s+ROWS\\s+COLUMNS\\s+BYTES\\s+CREATED$")
                .containsPattern("(?m)^houses\\s+default\\s+3\\s+rooms,area,price\\s+44\\s+");
        assertThat(JSON.readTree(gantry("datasets", "houses", "--tenant", "default", "--json").out())
                .path("sha256").asText()).hasSize(64);

        Path bad = Files.writeString(dataDir.resolve("bad.csv"), "rooms,price\n1,2\n3,lots\n");
        Result refused = gantry("upload-dataset", "bad", bad.toString(), "--tenant", "default");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("line 3, column 2");
        assertThat(gantry("datasets", "bad", "--tenant", "default").exit()).isEqualTo(1);

        assertThat(gantry("datasets", "houses", "--delete", "--tenant", "default").exit()).isZero();
        assertThat(gantry("datasets", "--tenant", "default").out()).startsWith("No datasets yet");
    }

    @Test
    void everyClientCommandHasAHeaderAndAnExample() {
        for (String command : List.of("submit", "jobs", "job", "cancel", "logs", "explain", "nodes", "cordon",
                "drain", "uncordon", "quota", "tenants", "datasets", "upload-dataset", "queue", "pools", "usage")) {
            Result help = run(command, "--help");
            assertThat(help.exit()).isZero();
            assertThat(help.out()).as(command).contains("--url=URL").contains("--token=TOKEN")
                    .containsPattern("Examples?:\\R  gantry " + command);
        }
    }

    @Test
    void tenantsCreateAndQuotaSetSayWhenGuaranteesOvercommitAPool() throws Exception {
        // A pool with quota but no nodes has 0 GPUs: any guarantee there over-commits it.
        Result created = gantry("tenants", "create", "cli-a", "--quota", "cli-pool=0:2", "--quota", "other-pool=1");
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(created.out()).contains("Created tenant cli-a.").containsPattern("(?m)^\\S{20,}$");
        assertThat(created.err()).as("only the pool that over-commits").isEqualTo("warning: pool 'other-pool' "
                + "guarantees 1 GPUs to its tenants but has 0: when all claim their guarantee, 1 GPUs' worth will wait"
                + System.lineSeparator());
        assertThat(admin.quota("cli-a").path("pools").path("cli-pool").path("limit").asInt()).isEqualTo(2);
        assertThat(admin.quota("cli-a").path("pools").path("other-pool").path("limit").asInt()).isEqualTo(1);

        Result set = gantry("quota", "set", "cli-a", "cli-pool=2:unlimited");
        assertThat(set.exit()).as(set.err()).isZero();
        assertThat(set.out()).containsPattern("(?m)^cli-a\\s+cli-pool\\s+2\\s+unlimited\\s+0\\s+0\\s+0$")
                .doesNotContain("warning");
        assertThat(set.err()).isEqualTo("warning: pool 'cli-pool' guarantees 2 GPUs to its tenants but has 0: when "
                + "all claim their guarantee, 2 GPUs' worth will wait" + System.lineSeparator());
        assertThat(gantry("quota", "cli-a").err()).contains("warning: pool 'cli-pool' guarantees 2 GPUs");

        Result pools = gantry("pools");
        assertThat(pools.exit()).as(pools.err()).isZero();
        assertThat(pools.out()).containsPattern(
                        "(?m)^POOL\\s+NODES\\s+GPUS\\s+FREE\\s+RUNNING\\s+PENDING\\s+PENDING GPUS\\s+GUARANTEED$")
                .containsPattern("(?m)^cli-pool\\s+0\\s+0\\s+0\\s+0\\s+0\\s+0\\s+2 OVER$");
        assertThat(pools.err()).contains("pool 'cli-pool' guarantees 2 GPUs to its tenants but has 0");
        JsonNode json = JSON.readTree(gantry("pools", "-o", "json").out());
        assertThat(json.path("pools").findValues("overcommitted")).isNotEmpty();

        Result malformed = gantry("quota", "set", "cli-a", "cli-pool=lots");
        assertThat(malformed.exit()).isEqualTo(2);
        assertThat(malformed.err()).contains("quota 'cli-pool=lots' is not POOL=GUARANTEED[:LIMIT]");
        Result unknown = gantry("quota", "set", "nobody", "default=1:2");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("gantry tenants create nobody").doesNotContain("PUT ");
    }

    @Test
    void tokensAreIssuedListedRevokedAndAudited() throws Exception {
        assertThat(gantry("tenants", "create", "cli-t", "--quota", "default=0:1").exit()).isZero();

        Result created = gantry("tokens", "create", "--tenant", "cli-t", "--name", "ci", "--expires-in", "P30D");
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(created.out()).containsPattern("Issued token tk_[0-9a-f]{12} \\(tenant, expires \\S+\\)")
                .containsPattern("(?m)^gty_\\S{40,}$");
        String id = created.out().replaceAll("(?s).*Issued token (tk_[0-9a-f]+).*", "$1");
        String secret = created.out().replaceAll("(?s).*\\n(gty_\\S+).*", "$1");
        assertThat(new GantryClient(control.url(), secret).tokens("cli-t").path("tokens")).hasSize(2);

        Result listed = gantry("tokens", "--tenant", "cli-t");
        assertThat(listed.exit()).as(listed.err()).isZero();
        assertThat(listed.out()).containsPattern("(?m)^" + id + "\\s+ci\\s+tenant\\s+\\S+\\s+\\S+\\s+active$")
                .doesNotContain(secret);

        // A token may revoke itself: a leaked one is put out by whoever holds it.
        Result revoked = run("tokens", "revoke", "--tenant", "cli-t", id, "--url", control.url(), "--token", secret);
        assertThat(revoked.exit()).as(revoked.err()).isZero();
        assertThat(revoked.out()).startsWith("Revoked token " + id + " at ");
        Result refused = run("jobs", "--url", control.url(), "--token", secret);
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("revoked");

        Result audit = gantry("audit", "--tenant", "cli-t");
        assertThat(audit.exit()).as(audit.err()).isZero();
        assertThat(audit.out()).contains("DELETE /api/v1/tenants/cli-t/tokens/" + id).doesNotContain(secret);

        Result neither = gantry("tokens", "create");
        assertThat(neither.exit()).isEqualTo(2);
        assertThat(neither.err()).contains("--tenant TENANT", "--admin");
    }

    @Test
    void queueListsPendingJobsWithReasonAndUsageShowsGpuHours() throws Exception {
        assertThat(gantry("tenants", "create", "cli-q", "--quota", "nodeless=1:1").exit()).isZero();
        String job = "{\"name\":\"stuck\",\"tenant\":\"cli-q\",\"pool\":\"nodeless\",\"gpus\":1,"
                + "\"workload\":{\"kind\":\"simulated\",\"seconds\":60}}";
        Result submitted = withStdin(job, () -> gantry("submit", "-"));
        assertThat(submitted.exit()).as(submitted.err()).isZero();
        String id = submitted.out().strip();
        try {
            Result queue = gantry("queue", "--pool", "nodeless");
            assertThat(queue.exit()).as(queue.err()).isZero();
            assertThat(queue.out()).containsPattern(
                            "(?m)^POS\\s+ID\\s+TENANT\\s+NAME\\s+POOL\\s+GPUS\\s+WAITING\\s+EST. START\\s+REASON$")
                    .containsPattern("(?m)^\\d+\\s+" + id + "\\s+cli-q\\s+stuck\\s+nodeless\\s+1\\s+\\d+s\\s+\\S+\\s+\\S.*$");
            assertThat(JSON.readTree(gantry("queue", "-o", "json").out()).path("queue").findValuesAsText("id"))
                    .contains(id);
            assertThat(gantry("queue", "--pool", "empty-pool").out()).isEqualTo("No pending jobs in pool empty-pool."
                    + System.lineSeparator());
        } finally {
            gantry("cancel", id);
        }

        Result usage = gantry("usage", "--tenant", "default", "--from", "1h", "--step", "15m");
        assertThat(usage.exit()).as(usage.err()).isZero();
        assertThat(usage.out()).satisfiesAnyOf(
                out -> assertThat(out).startsWith("No GPU-hours from "),
                out -> assertThat(out).containsPattern(
                        "(?m)^TENANT\\s+POOL\\s+FROM \\(UTC\\)\\s+USED\\s+GUARANTEED\\s+BORROWED$"));
        JsonNode json = JSON.readTree(gantry("usage", "--tenant", "default", "-o", "json").out());
        assertThat(json.path("step").asText()).isEqualTo("PT1H");
        assertThat(json.path("pools").isArray()).isTrue();
        Result bad = gantry("usage", "--tenant", "default", "--step", "90s");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("'step'").contains("whole number of minutes");
    }

    @Test
    void submitHelpShowsAJobWithEnvSecretsAndElasticGpus() {
        Result help = run("submit", "--help");
        assertThat(help.out()).contains("\"secretEnv\": {\"WANDB_KEY\": \"...\"}")
                .contains("{\"min\": 2, \"max\": 8}").contains("\"env\": {\"LR\": \"0.1\"}")
                .containsPattern("(?m)^  echo '\\{\"name\".*,$")
                .containsPattern("(?m)^        \"workload\".*\\}' \\| gantry submit -$");
    }

    // ---- helpers

    /** {@code gantry args} as the admin, against the test's control plane. */
    private static Result gantry(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", control.url(), "--token", control.adminToken()));
        return run(all.toArray(String[]::new));
    }

    private static Result run(String... args) {
        return CliRun.run(args);
    }

    private static Result withStdin(String text, java.util.function.Supplier<Result> command) {
        InputStream original = System.in;
        System.setIn(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        try {
            return command.get();
        } finally {
            System.setIn(original);
        }
    }

    private static void awaitState(String id, String state) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = admin.job(id).path("state").asText();
            if (last.equals(state)) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("job " + id + " is " + last + ", not " + state + ", after 20 s");
    }
}
