package org.gantry.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.gantry.scheduler.control.service.Tokens;
import org.gantry.tests.support.Api;
import org.gantry.tests.support.Eventually;
import org.gantry.tests.support.GantryJvm;
import org.gantry.tests.support.JvmCluster;
import org.gantry.tests.support.Ledger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fencing with real JVMs and the default lease (11 s, grace 5 s, margin 2 s): an agent whose JVM
 * is frozen (SIGSTOP) for 5 s loses nothing; one frozen past its lease has its workload stopped
 * by the watchdog, with the agent's JVM still frozen, and only then does the job run elsewhere,
 * once. The workload writes a ledger of its starts and stops: no two runs of the job overlap.
 */
class AgentFencingEndToEndTest {
    private static final String ADMIN = Tokens.generate();

    @TempDir
    Path dir;

    @Test
    void aFrozenAgentsWorkloadStopsBeforeItsJobRunsElsewhere() throws Exception {
        try (JvmCluster cluster = new JvmCluster(dir, ADMIN)) {
            Api admin = cluster.startControl();
            cluster.startAgent("agent-a", "--gpus", "1");
            cluster.startAgent("agent-b", "--gpus", "1");
            cluster.awaitNodes(admin, 2);
            Api tenant = cluster.tenant(admin, "fenced", 1, 1);
            Ledger ledger = new Ledger(dir.resolve("ledger.txt"));
            Api.Answer submitted = tenant.post("/api/v1/jobs", ledger.job("long", 600));
            assertThat(submitted.status()).as(submitted.raw()).isEqualTo(201);
            String id = submitted.body().get("id").asText();
            Eventually.await("the job to start", Duration.ofSeconds(60), () -> ledger.of(id, "start").size() == 1,
                    cluster::logs);
            String node = nodeOf(tenant, id);
            GantryJvm frozen = cluster.agent(node);

            // A pause shorter than the lease: nothing is stopped, nothing requeued.
            frozen.pause();
            Thread.sleep(5_000);
            frozen.resume();
            Thread.sleep(15_000);
            JsonNode job = tenant.get("/api/v1/jobs/" + id).body();
            assertThat(job.get("attempt").asInt()).as("a 5 s pause requeues nothing: %s", job).isEqualTo(1);
            assertThat(job.get("state").asText()).isEqualTo("RUNNING");
            assertThat(ledger.entries()).as("and stops nothing").hasSize(1);

            // Frozen past the lease: the watchdog stops the workload while the agent cannot.
            long frozenAt = System.nanoTime();
            frozen.pause();
            try {
                Eventually.await("the frozen agent's workload to be stopped", Duration.ofSeconds(30),
                        () -> ledger.of(id, "stop").size() == 1, cluster::logs);
                double stoppedAfter = (System.nanoTime() - frozenAt) / 1e9;
                Eventually.await("the job to start again elsewhere", Duration.ofSeconds(60),
                        () -> ledger.of(id, "start").size() == 2, cluster::logs);
                double restartedAfter = (System.nanoTime() - frozenAt) / 1e9;
                System.out.printf("agent frozen: workload stopped after %.1f s, job running elsewhere after %.1f s%n",
                        stoppedAfter, restartedAfter);
                assertThat(ledger.of(id, "start").get(1).attempt()).isEqualTo(2);
                assertThat(nodeOf(tenant, id)).as("elsewhere").isNotEqualTo(node);
                assertThat(restartedAfter).as("requeued within 20 s of the freeze, and started").isLessThan(25);
            } finally {
                frozen.resume();
            }

            // Thawed, the agent comes back: the job is not requeued again, nor run twice.
            Thread.sleep(15_000);
            job = tenant.get("/api/v1/jobs/" + id).body();
            assertThat(job.get("attempt").asInt()).as("requeued once: %s", job).isEqualTo(2);
            assertThat(job.get("state").asText()).isEqualTo("RUNNING");
            List<Ledger.Entry> entries = ledger.entries();
            assertThat(entries).extracting(Ledger.Entry::event).containsExactly("start", "stop", "start");
            ledger.assertNoJobRanTwiceAtOnce();
            assertThat(tenant.delete("/api/v1/jobs/" + id).status()).isLessThan(300);
        }
    }

    private static String nodeOf(Api api, String id) {
        JsonNode allocation = api.get("/api/v1/jobs/" + id).body().get("allocation");
        assertThat(allocation).as("job %s holds GPUs", id).isNotNull();
        return allocation.fieldNames().next();
    }
}
