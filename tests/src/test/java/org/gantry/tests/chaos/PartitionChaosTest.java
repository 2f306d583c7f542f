package org.gantry.tests.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gantry.tests.support.Eventually;
import org.gantry.tests.support.NetworkNamespaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 4: a real network partition. The control node and each agent run in their own
 * Linux network namespace, joined by veth pairs to a bridge; a cut takes one member's link down
 * for longer than the lease, its grace and the margin (25 s), turn by turn an agent and the
 * control node itself, while three tenants submit, cancel and read. The side without the
 * control plane must be downed (the control plane counts the cut nodes LOST), the cut side's
 * workloads must stop before their jobs run elsewhere (no two runs of a job overlap, no GPU is
 * held twice), and once the link is back every node must be READY again, unaided. The
 * recovery figure is the time from the heal until every node is READY. Needs root and iproute2.
 */
class PartitionChaosTest {
    private static final int AGENTS = 3;
    private static final Duration CUT = Duration.ofSeconds(25);

    @TempDir
    Path dir;

    @Test
    void aPartitionFencesTheCutSideAndHealsUnaided() throws Exception {
        try (NetworkNamespaces net = NetworkNamespaces.create(ChaosRun.members(AGENTS));
             ChaosRun run = ChaosRun.startIn(net, "network partition", dir, AGENTS, 2)) {
            Random random = new Random(4);
            ChaosLoad load = run.load(1.5, 0.8, 4, 12, 4);
            long end = System.nanoTime() + ChaosRun.duration(Duration.ofSeconds(45)).toNanos();
            boolean controlsTurn = false;
            while (System.nanoTime() < end) {
                Thread.sleep(8_000);
                String cut = controlsTurn ? "control" : run.agents.get(random.nextInt(AGENTS));
                controlsTurn = !controlsTurn;
                net.cut(cut);
                System.out.printf("[chaos network partition] cut %s off for %d s%n", cut, CUT.toSeconds());
                Thread.sleep(CUT.toMillis());
                if (!cut.equals("control")) {
                    assertThat(statuses(run).get(cut)).as("the control plane's side counts %s lost", cut)
                            .isEqualTo("LOST");
                }
                long healed = System.nanoTime();
                net.heal(cut);
                Eventually.await("every node READY again after the heal", Duration.ofSeconds(60),
                        () -> allReady(run), () -> statuses(run) + "\n" + run.logs());
                run.recovered(Duration.ofNanos(System.nanoTime() - healed));
            }
            List<String> violations = run.finish(load, Duration.ofMinutes(3));
            assertThat(violations).as(run.logs()).isEmpty();
        }
    }

    /** Each node's status as the control plane lists it; empty while it cannot be reached. */
    private static Map<String, String> statuses(ChaosRun run) {
        Map<String, String> statuses = new HashMap<>();
        try {
            JsonNode nodes = run.admin.get("/api/v1/nodes").body().path("nodes");
            nodes.forEach(node -> statuses.put(node.path("id").asText(), node.path("status").asText()));
        } catch (UncheckedIOException unreachable) {
            // the control node is still cut off from the test
        }
        return statuses;
    }

    private static boolean allReady(ChaosRun run) {
        Map<String, String> statuses = statuses(run);
        return statuses.size() == AGENTS && statuses.values().stream().allMatch("READY"::equals);
    }
}
