package org.gantry.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.gantry.scheduler.control.service.Tokens;
import org.gantry.tests.support.Api;
import org.gantry.tests.support.Eventually;
import org.gantry.tests.support.JvmCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Elastic resizes as operators run Gantry: a {@code gantry control} JVM and a {@code gantry agent}
 * JVM with 4 GPUs. An elastic {@code process} job ({@code gpus: {min: 1, max: 4}}) counts into its
 * checkpoint directory and writes the GPUs it was given ({@code CUDA_VISIBLE_DEVICES}) to a ledger
 * at each start. It starts on the 2 GPUs another job leaves free; when that job ends it grows to 4
 * (checkpoint, stop, restart from the checkpoint: the counter continues); when another tenant's
 * job arrives within its guarantee, it shrinks to 2 the same way, still ahead of a job of its own
 * tenant submitted after it. It never goes back to the queue.
 */
class ElasticResizeEndToEndTest {
    private static final String ADMIN = Tokens.generate();
    private static final Duration WAIT = Duration.ofSeconds(40);

    @TempDir
    Path dir;

    private JvmCluster jvms;

    @AfterEach
    void stopAll() {
        jvms.close();
    }

    @Test
    void anElasticJobGrowsIntoIdleGpusAndShrinksForAGuaranteedJobFromItsCheckpointKeepingItsPlace()
            throws Exception {
        jvms = new JvmCluster(dir, ADMIN);
        // Growth waits min-run on the current GPUs; regrowth elastic-regrow-after since the last resize.
        Api admin = jvms.startControl("-Dgantry.scheduler.min-run=3s", "-Dgantry.scheduler.tick=500ms",
                "-Dgantry.scheduler.elastic-regrow-after=1h");
        jvms.startAgent("agent-a", "--gpus", "4");
        jvms.awaitNodes(admin, 1);
        Api team = jvms.tenant(admin, "team", 1, 4);
        Api owner = jvms.tenant(admin, "owner", 2, 4);
        Path ledger = Files.createFile(dir.resolve("ledger.txt"));

        String blocker = submit(team, "blocker", "2", "sleep 600");
        awaitState(team, blocker, "RUNNING");
        String elastic = submit(team, "elastic", "{\"min\":1,\"max\":4}", counter(ledger));
        Eventually.await("the elastic job to count on 2 GPUs", WAIT, () -> counts(ledger) >= 20,
                () -> describe(team, elastic));
        JsonNode narrow = team.get("/api/v1/jobs/" + elastic).body();
        assertThat(narrow.get("gpuCount").asInt()).isEqualTo(2);
        assertThat(starts(ledger)).containsExactly(new Start(1, 0, 2));

        // The blocker ends: its 2 GPUs are idle and nobody waits, so the elastic job grows into them.
        assertThat(team.delete("/api/v1/jobs/" + blocker).status()).isEqualTo(200);
        long growStarted = System.nanoTime();
        JsonNode grown = awaitRunning(team, elastic, 2);
        System.out.printf("growth 2 → 4 GPUs: running again %d ms after the other job's cancel%n",
                (System.nanoTime() - growStarted) / 1_000_000);
        assertThat(grown.get("gpuCount").asInt()).isEqualTo(4);
        assertThat(grown.get("allocation").get("agent-a").size()).isEqualTo(4);
        assertThat(grown.get("reason").asText()).isEqualTo("resized 2 → 4 GPUs: grown into 2 idle GPUs");
        Start second = awaitStart(ledger, 2);
        assertThat(second.gpus()).as("CUDA_VISIBLE_DEVICES of the grown attempt").isEqualTo(4);
        assertContinues(second, lastCount(ledger, 1));

        // Another tenant's job within its guarantee needs 2 GPUs; then a job of the elastic job's own tenant.
        String owned = submit(owner, "owned", "2", "sleep 600");
        Thread.sleep(100);
        String later = submit(team, "later", "2", "sleep 600");
        JsonNode shrunk = awaitRunning(team, elastic, 3);
        assertThat(shrunk.get("gpuCount").asInt()).isEqualTo(2);
        // The other tenant's job is not named to this tenant ("another job"); the admin sees its id.
        assertThat(shrunk.get("reason").asText()).startsWith("resized 4 → 2 GPUs: shrunk to make room for another job");
        assertThat(admin.get("/api/v1/jobs/" + elastic).body().get("reason").asText())
                .startsWith("resized 4 → 2 GPUs: shrunk to make room for job " + owned);
        awaitState(owner, owned, "RUNNING");
        Start third = awaitStart(ledger, 3);
        assertThat(third.gpus()).isEqualTo(2);
        assertContinues(third, lastCount(ledger, 2));
        Eventually.await("the shrunk job to count on", WAIT, () -> lastCount(ledger, 3) > third.resumedAt() + 5,
                () -> describe(team, elastic));
        // It kept its place: it runs while the job its tenant submitted after it waits.
        assertThat(team.get("/api/v1/jobs/" + later).body().get("state").asText()).isEqualTo("PENDING");
        assertThat(team.get("/api/v1/jobs/" + elastic).body().get("state").asText()).isEqualTo("RUNNING");

        String events = team.get("/api/v1/jobs/" + elastic + "/events").raw();
        assertThat(events).contains("resized 2 → 4 GPUs: grown into 2 idle GPUs")
                .contains("resized 4 → 2 GPUs: shrunk to make room for another job")
                .doesNotContain(owned)
                .contains("ResizeRequested").contains("Resized").contains("CheckpointSaved")
                .doesNotContain("Requeued");
        JsonNode history = team.get("/api/v1/jobs/" + elastic + "/events").body().get("events");
        for (int i = 1; i < history.size(); i++) {
            assertThat(history.get(i).get("state").asText()).as(history.get(i).toString()).isNotEqualTo("PENDING");
        }
    }

    /**
     * The attempt restarted from the checkpoint its predecessor saved on SIGTERM: where that one
     * stopped (give or take the count a signal can land in the middle of), not from 0 and not
     * from an older periodic checkpoint.
     */
    private static void assertContinues(Start start, int previousLast) {
        assertThat(previousLast).isGreaterThanOrEqualTo(20);
        assertThat(start.resumedAt()).as("attempt %d restarted from its checkpoint: the counter continues",
                start.attempt()).isBetween(previousLast - 1, previousLast + 1);
    }

    /**
     * Counts from what its checkpoint holds, a line per count; saves each count by write-then-rename,
     * and again on SIGTERM before it exits. Each start writes its attempt, count and GPUs.
     */
    private static String counter(Path ledger) {
        return "d=\"$GANTRY_CHECKPOINT_DIR\"; i=$(cat \"$d/count\" 2>/dev/null || echo 0); "
                + "n=$(echo \"$CUDA_VISIBLE_DEVICES\" | tr ',' '\\n' | grep -c .); "
                + "echo \"start $GANTRY_ATTEMPT $i $n $CUDA_VISIBLE_DEVICES\" >> " + ledger + "; "
                + "save() { echo $i > \"$d/count.tmp\" && mv \"$d/count.tmp\" \"$d/count\"; }; "
                + "trap 'save; exit 143' TERM; "
                + "while true; do i=$((i+1)); echo \"count $GANTRY_ATTEMPT $i\" >> " + ledger + "; save; sleep 0.05; done";
    }

    private static String submit(Api api, String name, String gpus, String script) {
        String job = "{\"name\":\"" + name + "\",\"gpus\":" + gpus + ",\"maxRetries\":0,"
                + "\"checkpoint\":{\"intervalSeconds\":5,\"gracePeriodSeconds\":10},"
                + "\"workload\":{\"kind\":\"process\",\"command\":[\"sh\",\"-c\",\"" + script.replace("\\", "\\\\")
                .replace("\"", "\\\"") + "\"]}}";
        Api.Answer submitted = api.post("/api/v1/jobs", job);
        assertThat(submitted.status()).as(submitted.raw()).isEqualTo(201);
        return submitted.body().get("id").asText();
    }

    private void awaitState(Api api, String id, String state) {
        Eventually.await("job " + id + " to be " + state, WAIT,
                () -> state.equals(api.get("/api/v1/jobs/" + id).body().get("state").asText()), () -> describe(api, id));
    }

    private JsonNode awaitRunning(Api api, String id, int attempt) {
        Eventually.await("attempt " + attempt + " of job " + id + " to run", WAIT, () -> {
            JsonNode job = api.get("/api/v1/jobs/" + id).body();
            return job.get("attempt").asInt() == attempt && "RUNNING".equals(job.get("state").asText());
        }, () -> describe(api, id));
        return api.get("/api/v1/jobs/" + id).body();
    }

    private Start awaitStart(Path ledger, int attempt) {
        Eventually.await("attempt " + attempt + " to write its start", WAIT,
                () -> starts(ledger).stream().anyMatch(start -> start.attempt() == attempt), jvms::logs);
        return starts(ledger).stream().filter(start -> start.attempt() == attempt).findFirst().orElseThrow();
    }

    private String describe(Api api, String id) {
        return api.get("/api/v1/jobs/" + id).raw() + "\n" + api.get("/api/v1/jobs/" + id + "/events").raw() + "\n"
                + jvms.logs();
    }

    /** An attempt's start: the count its checkpoint held and how many GPUs it was given. */
    private record Start(int attempt, int resumedAt, int gpus) {}

    private static List<Start> starts(Path ledger) {
        return lines(ledger).stream().filter(line -> line.startsWith("start ")).map(line -> line.split(" "))
                .map(f -> new Start(Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]))).toList();
    }

    /** Distinct counts made. */
    private static long counts(Path ledger) {
        return lines(ledger).stream().filter(line -> line.startsWith("count ")).map(line -> line.split(" ")[2])
                .distinct().count();
    }

    private static int lastCount(Path ledger, int attempt) {
        return lines(ledger).stream().filter(line -> line.startsWith("count " + attempt + " "))
                .mapToInt(line -> Integer.parseInt(line.split(" ")[2])).max().orElse(0);
    }

    private static List<String> lines(Path ledger) {
        try {
            return Files.readAllLines(ledger);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
