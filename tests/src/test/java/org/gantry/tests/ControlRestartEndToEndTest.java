package org.gantry.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.gantry.scheduler.control.service.Tokens;
import org.gantry.tests.support.Api;
import org.gantry.tests.support.Eventually;
import org.gantry.tests.support.JvmCluster;
import org.gantry.tests.support.Ledger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fencing issue's second promise, with real JVMs and the default lease: a job keeps running
 * through a control-plane restart ({@code kill -9}, started again at once) that is shorter than
 * the lease. Its agent, with the default settings ({@code gantry.node.rejoin-after}: 250 ms),
 * must be back in the new cluster and renewed before its lease lapses, so the workload is never
 * stopped and the job keeps its first attempt.
 */
class ControlRestartEndToEndTest {
    private static final String ADMIN = Tokens.generate();

    @TempDir
    Path dir;

    @Test
    void aRunningJobKeepsRunningThroughAControlPlaneRestart() throws Exception {
        try (JvmCluster cluster = new JvmCluster(dir, ADMIN)) {
            Api admin = cluster.startControl();
            cluster.startAgent("agent-a", "--gpus", "1");
            cluster.awaitNodes(admin, 1);
            Api tenant = cluster.tenant(admin, "steady", 1, 1);
            Ledger ledger = new Ledger(dir.resolve("ledger.txt"));
            Api.Answer submitted = tenant.post("/api/v1/jobs", ledger.job("long", 600));
            assertThat(submitted.status()).as(submitted.raw()).isEqualTo(201);
            String id = submitted.body().get("id").asText();
            Eventually.await("the job to start", Duration.ofSeconds(60), () -> ledger.of(id, "start").size() == 1,
                    cluster::logs);
            Thread.sleep(3_000); // a few renewals in

            for (int restart = 1; restart <= 2; restart++) {
                long killed = System.nanoTime();
                cluster.control().kill9();
                cluster.restartControl();
                double ready = (System.nanoTime() - killed) / 1e9;
                Eventually.await("the agent to be back", Duration.ofSeconds(30), () -> "READY".equals(
                        admin.get("/api/v1/nodes").body().path("nodes").path(0).path("status").asText()),
                        cluster::logs);
                double back = (System.nanoTime() - killed) / 1e9;
                System.out.printf("control restart %d: ready after %.1f s, its agent back after %.1f s%n",
                        restart, ready, back);
                Thread.sleep(15_000); // past the lease and its grace, had it lapsed
                System.out.println(cluster.agent("agent-a").output()); // EXPERIMENT
                JsonNode job = tenant.get("/api/v1/jobs/" + id).body();
                assertThat(job.get("state").asText()).as("%s%n%s", job, cluster.logs()).isEqualTo("RUNNING");
                assertThat(job.get("attempt").asInt()).as("never requeued: %s%n%s", job, cluster.logs()).isEqualTo(1);
                assertThat(ledger.entries()).as("never stopped").hasSize(1);
                assertThat(cluster.agent("agent-a").output()).as("the lease never lapsed")
                        .doesNotContain("its lease lapsed");
            }
            assertThat(tenant.delete("/api/v1/jobs/" + id).status()).isLessThan(300);
        }
    }
}
