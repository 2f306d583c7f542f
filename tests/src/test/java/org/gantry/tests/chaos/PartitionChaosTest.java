package org.gantry.tests.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.gantry.tests.support.NetworkNamespaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 4: a real network partition. The control node and each agent run in their own
 * Linux network namespace, joined by veth pairs to a bridge; a cut takes one member's link down
 * for longer than the lease, its grace and the margin (25 s), turn by turn an agent, the
 * control node itself, and only the link between an agent and the control node (a partial
 * partition: both still reach the other agents, and the control plane must stay up), while
 * three tenants submit, cancel and read. The side without the control plane must be downed
 * (the control plane counts the cut nodes LOST), the cut side's
 * workloads must stop before their jobs run elsewhere (no two runs of a job overlap, no GPU is
 * held twice), and once the link is back every node must be READY again, unaided. The
 * recovery figure is the time from the heal until every node is READY. Needs root and iproute2.
 */
class PartitionChaosTest {
    private static final int AGENTS = 3;

    @TempDir
    Path dir;

    @Test
    void aPartitionFencesTheCutSideAndHealsUnaided() throws Exception {
        try (NetworkNamespaces net = NetworkNamespaces.create(ChaosRun.members(AGENTS));
             ChaosRun run = ChaosRun.startIn(net, "network partition", dir, AGENTS, 2)) {
            Random random = new Random(4);
            ChaosLoad load = run.load(1.5, 0.8, 4, 12, 4);
            long end = System.nanoTime() + ChaosRun.duration(Duration.ofSeconds(45)).toNanos();
            // Each kind of cut at least once, then in turn for as long as the run lasts.
            for (int turn = 0; turn < 3 || System.nanoTime() < end; turn++) {
                Thread.sleep(8_000);
                String agent = run.agents.get(random.nextInt(AGENTS));
                switch (turn % 3) {
                    case 0 -> Faults.cut(run, net, agent);
                    case 1 -> Faults.cut(run, net, "control");
                    default -> Faults.cutLink(run, net, agent);
                }
            }
            List<String> violations = run.finish(load, Duration.ofMinutes(3));
            assertThat(violations).as(run.logs()).isEmpty();
        }
    }
}
