package org.gantry.tests.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.gantry.tests.support.Api;
import org.gantry.tests.support.Eventually;
import org.gantry.tests.support.NetworkNamespaces;
import org.gantry.tests.support.RegressionCsv;
import org.gantry.tests.support.Tmpfs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 8: a seeded soak of every fault at once. Six agents and the control node, each in its
 * own network namespace, the control node's data on a small tmpfs, production's limits; three
 * tenants submit a mix of {@code process} jobs (that write the ledger and resume from their
 * checkpoints), {@code simulated} jobs and {@code djl-train} jobs, cancel some and read others,
 * while the faults of scenarios 1 to 7 follow each other in a seeded order (each kind once per
 * round, the rounds shuffled anew), each waited out and every node READY again before the next.
 * The usual checks end it. By hand: {@code tests/chaos --scenario soak --minutes 30}, and
 * {@code -Dchaos.seed=N} for another order; CI runs two minutes of it. Needs root (namespaces,
 * tmpfs) and iproute2, as CI has; skipped elsewhere.
 */
class SoakChaosTest {
    private static final int AGENTS = 6;

    /** The faults a soak mixes, one of each per round. */
    private enum Fault { AGENT_KILL, BRIEF_PAUSE, LONG_PAUSE, CONTROL_KILL, AGENT_CUT, CONTROL_CUT, LINK_CUT,
        DISK_FULL, COLD_RESTART, SUBMIT_BURST }

    @TempDir
    Path dir;

    @Test
    void everyFaultMixedLosesNothingAndRunsNothingTwice() throws Exception {
        long seed = Long.getLong("chaos.seed", 8);
        try (NetworkNamespaces net = NetworkNamespaces.create(ChaosRun.members(AGENTS));
             Tmpfs disk = Tmpfs.mount(dir.resolve("control"), 512);
             ChaosRun run = ChaosRun.startIn(net, "soak (seed " + seed + ")", dir, AGENTS, 2)) {
            Random random = new Random(seed);
            Api probe = run.cluster.tenant(run.admin, "probe", 0, 1);
            String probeJob = probe.post("/api/v1/jobs", "{\"name\":\"probe\",\"gpus\":1,\"workload\":"
                    + "{\"kind\":\"simulated\",\"seconds\":1}}").body().get("id").asText();
            Path csv = RegressionCsv.write(dir.resolve("train.csv"), 2_000, 0.02, seed);
            // About half the GPUs' time asked for, so that the faults, not the load, make the backlog.
            ChaosLoad load = run.mixedLoad(0.9, 0.6, 0.05, csv, 3, 15, seed);
            long end = System.nanoTime() + ChaosRun.duration(Duration.ofMinutes(2)).toNanos();
            List<Fault> round = new ArrayList<>();
            while (System.nanoTime() < end) {
                if (round.isEmpty()) {
                    round.addAll(Arrays.asList(Fault.values()));
                    Collections.shuffle(round, random);
                }
                Thread.sleep(5_000 + random.nextInt(10_000));
                Eventually.await("every node READY before the next fault", Duration.ofSeconds(60),
                        () -> ClusterView.allReady(run.admin, AGENTS),
                        () -> ClusterView.statuses(run.admin) + "\n" + run.logs());
                inject(round.remove(0), run, net, disk, probe, probeJob, load, random);
            }
            List<String> violations = run.finish(load, Duration.ofMinutes(8));
            assertThat(violations).as(run.logs()).isEmpty();
        }
    }

    private static void inject(Fault fault, ChaosRun run, NetworkNamespaces net, Tmpfs disk, Api probe,
                               String probeJob, ChaosLoad load, Random random) throws Exception {
        String agent = run.agents.get(random.nextInt(AGENTS));
        System.out.printf("[chaos %s] %s%s%n", run.scenario(), fault,
                List.of(Fault.AGENT_KILL, Fault.BRIEF_PAUSE, Fault.LONG_PAUSE, Fault.AGENT_CUT, Fault.LINK_CUT)
                        .contains(fault)
                        ? " of " + agent : "");
        switch (fault) {
            case AGENT_KILL -> Faults.killAgent(run, agent);
            case BRIEF_PAUSE -> Faults.pauseBriefly(run, agent);
            case LONG_PAUSE -> Faults.pausePastTheLease(run, agent);
            case CONTROL_KILL -> Faults.killControl(run);
            case AGENT_CUT -> Faults.cut(run, net, agent);
            case CONTROL_CUT -> Faults.cut(run, net, "control");
            case LINK_CUT -> Faults.cutLink(run, net, agent);
            case DISK_FULL -> Faults.fillDisk(run, disk, probe);
            case COLD_RESTART -> Faults.coldRestart(run, load);
            case SUBMIT_BURST -> Faults.overload(run, 500, Duration.ofSeconds(15), probeJob);
        }
    }
}
