package org.gantry.tests.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.gantry.tests.support.Eventually;
import org.gantry.tests.support.GantryJvm;
import org.gantry.tests.support.Ledger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 3: an agent's JVM paused (SIGSTOP) while three tenants submit, cancel and read. For
 * 5 s, nothing of it is requeued; past its lease, its workloads stop although the JVM that holds
 * the lease is frozen, and only then do its jobs run elsewhere: no run of a job overlaps
 * another, no GPU is used twice at once. The recovery figure is the time from the pause to the
 * last of its workloads stopping. Short in CI; {@code -Dchaos.minutes=N} for a long run.
 */
class AgentPauseChaosTest {
    @TempDir
    Path dir;

    @Test
    void aPausedAgentIsFencedBeforeItsJobsRunElsewhere() throws Exception {
        try (ChaosRun run = ChaosRun.start("agent SIGSTOP", dir, 3, 2)) {
            Random random = new Random(7);
            // Jobs that outlast a lease, so that the long pause has work to fence.
            ChaosLoad load = run.load(0.7, 0.8, 5, 20, 7);
            long end = System.nanoTime() + ChaosRun.duration(Duration.ofSeconds(45)).toNanos();
            boolean longPause = false;
            while (System.nanoTime() < end) {
                Thread.sleep(6_000);
                String node = run.agents.get(random.nextInt(run.agents.size()));
                GantryJvm agent = run.cluster.agent(node);
                if (longPause) {
                    pastTheLease(run, agent, node);
                } else {
                    briefly(run, agent, node);
                }
                longPause = !longPause;
            }
            List<String> violations = run.finish(load, Duration.ofMinutes(3));
            assertThat(violations).as(run.logs()).isEmpty();
        }
    }

    /** 5 s frozen: whatever ran there runs on, to its own end. */
    private static void briefly(ChaosRun run, GantryJvm agent, String node) throws InterruptedException {
        List<String> before = AgentKillChaosTest.runningOn(run, node);
        agent.pause();
        Thread.sleep(5_000);
        agent.resume();
        Thread.sleep(2_000);
        List<String> after = AgentKillChaosTest.runningOn(run, node);
        long stillThere = before.stream().filter(id -> after.contains(id) || ended(run, id)).count();
        assertThat(stillThere).as("jobs of %s after a 5 s pause: before %s, after %s", node, before, after)
                .isEqualTo(before.size());
        run.injected();
    }

    /** 25 s frozen: its workloads stop while it is frozen; then its jobs go elsewhere. */
    private static void pastTheLease(ChaosRun run, GantryJvm agent, String node) throws InterruptedException {
        long paused = System.nanoTime();
        agent.pause();
        try {
            Eventually.await("the workloads of frozen " + node + " to stop", Duration.ofSeconds(25),
                    () -> openRunsOn(run.ledger, node).isEmpty(), run::logs);
            run.recovered(Duration.ofNanos(System.nanoTime() - paused));
            Thread.sleep(Math.max(0, 25_000 - (System.nanoTime() - paused) / 1_000_000));
        } finally {
            agent.resume();
        }
        Eventually.await(node + " back", Duration.ofSeconds(60), () -> ready(run, node), run::logs);
    }

    /** Runs the ledger shows started on {@code node} and not yet ended or stopped. */
    private static List<String> openRunsOn(Ledger ledger, String node) {
        java.util.Set<String> open = new java.util.HashSet<>();
        for (Ledger.Entry entry : ledger.entries()) {
            String run = entry.job() + "#" + entry.attempt();
            if (entry.event().equals("start") && entry.node().equals(node)) {
                open.add(run);
            } else if (!entry.event().equals("start")) {
                open.remove(run);
            }
        }
        return List.copyOf(open);
    }

    private static boolean ended(ChaosRun run, String id) {
        String state = run.admin.get("/api/v1/jobs/" + id).body().get("state").asText();
        return List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(state);
    }

    private static boolean ready(ChaosRun run, String node) {
        for (var entry : run.admin.get("/api/v1/nodes").body().get("nodes")) {
            if (entry.get("id").asText().equals(node)) {
                return entry.get("status").asText().equals("READY");
            }
        }
        return false;
    }
}
