package org.gantry.tests.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.gantry.tests.support.Eventually;
import org.gantry.tests.support.GantryJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 2: {@code kill -9} of an agent while three tenants submit, cancel and read. Its jobs
 * must be back in the queue within 20 s, none may run twice at once, and the agent, started
 * again, takes work again. Short in CI; {@code -Dchaos.minutes=N} for a long run.
 */
class AgentKillChaosTest {
    private static final Duration REQUEUE_TARGET = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void killedAgentsJobsAreRequeuedInTimeAndNeverRunTwice() throws Exception {
        try (ChaosRun run = ChaosRun.start("agent kill -9", dir, 3, 2)) {
            Random random = new Random(42);
            ChaosLoad load = run.load(1.5, 0.8, 42);
            long end = System.nanoTime() + ChaosRun.duration(Duration.ofSeconds(40)).toNanos();
            while (System.nanoTime() < end) {
                Thread.sleep(5_000);
                String name = run.agents.get(random.nextInt(run.agents.size()));
                GantryJvm agent = run.cluster.agent(name);
                long killed = System.nanoTime();
                agent.kill9();
                Eventually.await("the jobs of " + name + " back in the queue", REQUEUE_TARGET.plusSeconds(10),
                        () -> runningOn(run, name).isEmpty(), run::logs);
                Duration requeued = Duration.ofNanos(System.nanoTime() - killed);
                run.recovered(requeued);
                assertThat(requeued).as("jobs of a killed agent are requeued within %s", REQUEUE_TARGET)
                        .isLessThanOrEqualTo(REQUEUE_TARGET);
                run.cluster.startAgent(name, "--gpus", "2");
            }
            List<String> violations = run.finish(load, Duration.ofMinutes(3));
            assertThat(violations).as(run.logs()).isEmpty();
        }
    }

    /** Jobs the control plane says hold GPUs on {@code node}. */
    static List<String> runningOn(ChaosRun run, String node) {
        JsonNode nodes = run.admin.get("/api/v1/nodes").body().get("nodes");
        for (JsonNode entry : nodes) {
            if (entry.get("id").asText().equals(node)) {
                return java.util.stream.StreamSupport.stream(entry.path("jobs").spliterator(), false)
                        .map(JsonNode::asText).toList();
            }
        }
        return List.of();
    }
}
