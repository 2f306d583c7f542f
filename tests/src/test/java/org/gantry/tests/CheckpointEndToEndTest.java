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
 * Checkpoints that follow the job, as operators run Gantry: a {@code gantry control} JVM and two
 * {@code gantry agent} JVMs with a GPU each and nothing shared on disk but this test's ledger. A
 * {@code process} job counts to {@value #N} into its checkpoint directory (write, then rename),
 * ten counts a second, shipped every {@value #INTERVAL_SECONDS} s. Its agent is killed with
 * SIGKILL, or drained, mid-count; the job finishes on the other agent, which resumed from the
 * checkpoint shipped to the control plane, having redone at most one interval of counts.
 */
class CheckpointEndToEndTest {
    private static final String ADMIN = Tokens.generate();
    private static final int N = 150;
    private static final int INTERVAL_SECONDS = 2;
    /** Counts per second the job makes at most: it sleeps 0.1 s between counts. */
    private static final int RATE = 10;

    @TempDir
    Path dir;

    private JvmCluster jvms;
    private Api admin;

    @AfterEach
    void stopAll() {
        jvms.close();
    }

    @Test
    void aJobWhoseAgentIsKilledResumesOnTheOtherFromItsLastShippedCheckpoint() throws Exception {
        Api asTenant = cluster();
        Path ledger = dir.resolve("ledger-kill.txt");
        String id = submit(asTenant, ledger);
        String first = nodeOnceCounted(asTenant, id, ledger, 40);
        // Most of an interval past a shipment: there is work the store does not hold yet, to lose.
        Thread.sleep(INTERVAL_SECONDS * 750L);

        jvms.agent(first).kill9();

        awaitSuccess(asTenant, id);
        int redone = redone(ledger);
        System.out.printf("kill -9 of %s: job %s finished elsewhere, resumed at %d, %d of %d counts redone "
                + "(one interval is %d)%n", first, id, resumedAt(ledger), redone, N, RATE * INTERVAL_SECONDS);
        assertThat(resumedAt(ledger)).as("the second attempt resumed from a checkpoint, not from 0").isPositive();
        assertThat(redone).as("counts redone after the kill: at most one checkpoint interval's")
                .isLessThanOrEqualTo(RATE * INTERVAL_SECONDS);
        assertRanOn(asTenant, id, first);
    }

    @Test
    void aJobOnADrainedAgentShipsItsLastCheckpointAndResumesOnTheOther() throws Exception {
        Api asTenant = cluster();
        Path ledger = dir.resolve("ledger-drain.txt");
        String id = submit(asTenant, ledger);
        String first = nodeOnceCounted(asTenant, id, ledger, 40);

        Api.Answer drained = admin.post("/api/v1/nodes/" + first + "/drain", "{}");
        assertThat(drained.status()).as(drained.raw()).isBetween(200, 299);

        awaitSuccess(asTenant, id);
        int redone = redone(ledger);
        System.out.printf("drain of %s: job %s finished elsewhere, %d of %d counts redone%n", first, id, redone, N);
        assertThat(resumedAt(ledger)).isPositive();
        // SIGTERM, the job saves its count, the agent ships it before reporting the exit: nothing is lost.
        assertThat(redone).as("counts redone after a drain").isLessThanOrEqualTo(1);
        assertRanOn(asTenant, id, first);
    }

    /** A control node and agents a and b, a tenant; answers as the tenant. */
    private Api cluster() {
        jvms = new JvmCluster(dir, ADMIN);
        admin = jvms.startControl();
        jvms.startAgent("agent-a", "--gpus", "1");
        jvms.startAgent("agent-b", "--gpus", "1");
        jvms.awaitNodes(admin, 2);
        return jvms.tenant(admin, "ckpt", 2, 2);
    }

    /**
     * Counts from what its checkpoint holds to N, a line per count in the ledger; saves each count
     * by write-then-rename, and again on SIGTERM before it exits.
     */
    private static String submit(Api api, Path ledger) throws Exception {
        Files.createFile(ledger);
        String script = "d=\"$GANTRY_CHECKPOINT_DIR\"; i=$(cat \"$d/count\" 2>/dev/null || echo 0); "
                + "echo \"resume $GANTRY_ATTEMPT $i\" >> " + ledger + "; "
                + "save() { echo $i > \"$d/count.tmp\" && mv \"$d/count.tmp\" \"$d/count\"; }; "
                + "trap 'save; exit 143' TERM; "
                + "while [ $i -lt " + N + " ]; do i=$((i+1)); echo \"count $GANTRY_ATTEMPT $i\" >> " + ledger
                + "; save; sleep 0.1; done";
        String job = "{\"name\":\"counter\",\"gpus\":1,\"maxRetries\":0,"
                + "\"checkpoint\":{\"intervalSeconds\":" + INTERVAL_SECONDS + ",\"gracePeriodSeconds\":10},"
                + "\"workload\":{\"kind\":\"process\",\"command\":[\"sh\",\"-c\",\"" + script.replace("\\", "\\\\")
                .replace("\"", "\\\"") + "\"]}}";
        Api.Answer submitted = api.post("/api/v1/jobs", job);
        assertThat(submitted.status()).as(submitted.raw()).isEqualTo(201);
        return submitted.body().get("id").asText();
    }

    /** The node the job runs on once it counted past {@code counts} and a checkpoint was stored. */
    private String nodeOnceCounted(Api api, String id, Path ledger, int counts) {
        Eventually.await("the job to count to " + counts + " with a checkpoint stored", Duration.ofSeconds(60),
                () -> counts(ledger).size() >= counts && api.get("/api/v1/jobs/" + id).body().has("lastCheckpoint"),
                () -> api.get("/api/v1/jobs/" + id).raw() + "\n" + logs());
        JsonNode allocation = api.get("/api/v1/jobs/" + id).body().get("allocation");
        assertThat(allocation.size()).as(allocation.toString()).isEqualTo(1);
        return allocation.fieldNames().next();
    }

    private void awaitSuccess(Api api, String id) {
        Eventually.await("job " + id + " to succeed", Duration.ofSeconds(120),
                () -> "SUCCEEDED".equals(api.get("/api/v1/jobs/" + id).body().get("state").asText()),
                () -> api.get("/api/v1/jobs/" + id).raw() + "\n" + api.get("/api/v1/jobs/" + id + "/events").raw()
                        + "\n" + logs());
    }

    /** The job's events say where it ran, and that its checkpoints were stored; its JSON shows the last. */
    private static void assertRanOn(Api api, String id, String first) {
        String events = api.get("/api/v1/jobs/" + id + "/events").raw();
        assertThat(events).contains(first).contains("CheckpointSaved").contains("Requeued");
        JsonNode last = api.get("/api/v1/jobs/" + id).body().get("lastCheckpoint");
        assertThat(last.get("sizeBytes").asLong()).isPositive();
        assertThat(last.get("attempt").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(last.has("at")).isTrue();
    }

    private static List<Integer> counts(Path ledger) {
        try {
            return Files.readAllLines(ledger).stream().filter(line -> line.startsWith("count "))
                    .map(line -> Integer.parseInt(line.split(" ")[2])).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Counts made more than once: every count from 1 to N must be there. */
    private static int redone(Path ledger) {
        List<Integer> counts = counts(ledger);
        assertThat(counts.stream().distinct().sorted().toList()).as("every count from 1 to N was made")
                .hasSize(N).startsWith(1).endsWith(N);
        return counts.size() - N;
    }

    /** Where the last attempt resumed: the count its restored checkpoint held. */
    private static int resumedAt(Path ledger) throws Exception {
        List<String> resumes = Files.readAllLines(ledger).stream().filter(line -> line.startsWith("resume ")).toList();
        assertThat(resumes).as("two attempts").hasSizeGreaterThanOrEqualTo(2);
        return Integer.parseInt(resumes.get(resumes.size() - 1).split(" ")[2]);
    }

    private String logs() {
        return jvms.logs();
    }
}
