package org.gantry.tests.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.gantry.tests.support.Api;
import org.gantry.tests.support.Eventually;
import org.gantry.tests.support.GantryJvm;
import org.gantry.tests.support.NetworkNamespaces;
import org.gantry.tests.support.Tmpfs;

/**
 * The faults of the chaos suite, each injected into a running {@link ChaosRun} and waited out:
 * what must hold meanwhile is asserted, and the fault is recorded with how long the cluster took
 * to recover from it. A scenario repeats one of them; the soak (scenario 8) mixes them all.
 */
final class Faults {
    /** A killed agent's jobs are back in the queue within this. */
    static final Duration REQUEUE_TARGET = Duration.ofSeconds(20);
    /** Longer than the lease, its grace and the margin: a member cut off this long is fenced. */
    static final Duration PAST_THE_LEASE = Duration.ofSeconds(25);
    private static final String PROBE_JOB = "{\"name\":\"probe\",\"gpus\":1,\"workload\":{\"kind\":\"simulated\","
            + "\"seconds\":1}}";

    private Faults() {}

    /** {@code kill -9} of an agent: its jobs back in the queue within 20 s; then it is started again. */
    static void killAgent(ChaosRun run, String name) {
        long killed = System.nanoTime();
        run.cluster.agent(name).kill9();
        Eventually.await("the jobs of " + name + " back in the queue", REQUEUE_TARGET.plusSeconds(10),
                () -> ClusterView.runningOn(run.admin, name).isEmpty(), run::logs);
        Duration requeued = since(killed);
        run.recovered("agent kill -9", requeued);
        assertThat(requeued).as("jobs of a killed agent are requeued within %s", REQUEUE_TARGET)
                .isLessThanOrEqualTo(REQUEUE_TARGET);
        run.restartAgent(name);
    }

    /** An agent frozen (SIGSTOP) for 5 s, well within its lease: whatever ran there runs on, to its own end. */
    static void pauseBriefly(ChaosRun run, String name) throws InterruptedException {
        GantryJvm agent = run.cluster.agent(name);
        List<String> before = ClusterView.runningOn(run.admin, name);
        agent.pause();
        Thread.sleep(5_000);
        agent.resume();
        Thread.sleep(2_000);
        List<String> after = ClusterView.runningOn(run.admin, name);
        long stillThere = before.stream().filter(id -> after.contains(id) || ClusterView.ended(run.admin, id)).count();
        assertThat(stillThere).as("jobs of %s after a 5 s pause: before %s, after %s", name, before, after)
                .isEqualTo(before.size());
        run.injected("agent SIGSTOP 5 s");
    }

    /**
     * An agent frozen past its lease: its workloads stop while it is frozen (the recovery
     * figure is the time until the last one stopped); then it comes back READY.
     */
    static void pausePastTheLease(ChaosRun run, String name) throws InterruptedException {
        GantryJvm agent = run.cluster.agent(name);
        long paused = System.nanoTime();
        agent.pause();
        try {
            Eventually.await("the workloads of frozen " + name + " to stop", PAST_THE_LEASE,
                    () -> ClusterView.openRunsOn(run.ledger, name).isEmpty(), run::logs);
            run.recovered("agent SIGSTOP 25 s", since(paused));
            Thread.sleep(Math.max(0, PAST_THE_LEASE.toMillis() - since(paused).toMillis()));
        } finally {
            agent.resume();
        }
        Eventually.await(name + " back", Duration.ofSeconds(60), () -> ClusterView.ready(run.admin, name), run::logs);
    }

    /** {@code kill -9} of the control plane, started again at once on its data; recovered when it is ready. */
    static void killControl(ChaosRun run) {
        long killed = System.nanoTime();
        run.cluster.control().kill9();
        run.cluster.restartControl();
        run.recovered("control kill -9", since(killed));
    }

    /**
     * {@code member}'s link down past the lease: an agent cut off is LOST on the control plane's
     * side; once the link is back every node is READY again, unaided (the recovery figure).
     */
    static void cut(ChaosRun run, NetworkNamespaces net, String member) throws InterruptedException {
        net.cut(member);
        System.out.printf("[chaos %s] cut %s off for %d s%n", run.scenario(), member, PAST_THE_LEASE.toSeconds());
        Thread.sleep(PAST_THE_LEASE.toMillis());
        try {
            if (!member.equals("control")) {
                assertThat(ClusterView.statuses(run.admin).get(member)).as("the control plane's side counts %s lost",
                        member).isEqualTo("LOST");
            }
        } finally {
            net.heal(member);
        }
        allReadyAfterHeal(run, member.equals("control") ? "partition: control cut off" : "partition: an agent cut off");
    }

    /**
     * The link between {@code agent} and the control node cut, each way, past the lease, while
     * both still reach every other agent (a partial partition): the control plane stays up and
     * ready (Pekko's resolver downed both ends, the control node too), the agent is LOST on its
     * side, and once the link is back every node is READY again (the recovery figure).
     */
    static void cutLink(ChaosRun run, NetworkNamespaces net, String agent) throws InterruptedException {
        net.cutBetween("control", agent);
        System.out.printf("[chaos %s] cut the link between control and %s for %d s%n", run.scenario(), agent,
                PAST_THE_LEASE.toSeconds());
        Thread.sleep(PAST_THE_LEASE.toMillis());
        try {
            assertThat(run.cluster.control().isAlive()).as("the control plane outlived a cut link to %s", agent)
                    .isTrue();
            assertThat(run.admin.reachable("/readyz")).as("the control plane is ready").isTrue();
            assertThat(ClusterView.statuses(run.admin).get(agent)).as("the control plane counts %s lost", agent)
                    .isEqualTo("LOST");
        } finally {
            net.healBetween("control", agent);
        }
        allReadyAfterHeal(run, "partition: one agent's link to control cut");
    }

    /** Waits for every node to be READY again after a heal: the recovery figure of a partition of {@code kind}. */
    private static void allReadyAfterHeal(ChaosRun run, String kind) {
        long healed = System.nanoTime();
        Eventually.await("every node READY again after the heal", Duration.ofSeconds(60),
                () -> ClusterView.allReady(run.admin, run.agents.size()),
                () -> ClusterView.statuses(run.admin) + "\n" + run.logs());
        run.recovered(kind, since(healed));
    }

    /**
     * The control node's disk filled to the last byte: five submits of {@code probe} (a
     * tenant the checks do not follow) are refused at once with 503, a problem body that says so
     * and {@code Retry-After}; then the space comes back and a submit is accepted again (the
     * recovery figure).
     */
    static void fillDisk(ChaosRun run, Tmpfs disk, Api probe) throws Exception {
        int logged = run.cluster.control().output().length();
        Path filler = disk.fill();
        Thread.sleep(1_000);
        long slowest = 0;
        for (int i = 0; i < 5; i++) {
            disk.fill(); // still full: RocksDB may have freed a preallocated log meanwhile
            Thread.sleep(50); // past the 10 ms the control plane's look at the disk is kept
            long sent = System.nanoTime();
            Api.Answer answer = submit(probe);
            slowest = Math.max(slowest, System.nanoTime() - sent);
            assertThat(answer.status()).as("a submit while the disk is full: %s", answer.raw()).isEqualTo(503);
            assertThat(answer.body().path("detail").asText()).as(answer.raw()).contains("no space left");
            assertThat(answer.header("Retry-After")).as("503 says when to try again").isNotNull();
            Thread.sleep(500);
        }
        System.out.printf("[chaos %s] 5 submits while the disk was full: 503 in %.0f ms at most%n", run.scenario(),
                slowest / 1e6);
        assertThat(Duration.ofNanos(slowest)).as("refused at once, not after a timeout").isLessThan(Duration.ofSeconds(2));
        long freed = System.nanoTime();
        Files.delete(filler);
        Eventually.await("a submit to be accepted again", Duration.ofSeconds(30), () -> submit(probe).status() == 201,
                run::logs);
        Duration recovery = since(freed);
        run.recovered("control disk full", recovery);
        if (recovery.compareTo(Duration.ofSeconds(2)) > 0) { // what held it up, for the reader of the run's output
            String output = run.cluster.control().output();
            output.substring(Math.min(logged, output.length())).lines().filter(line -> line.contains("WARN")
                    || line.contains("ERROR")).limit(40).forEach(line -> System.out.println("[chaos control] " + line));
        }
    }

    /**
     * {@code kill -9} of the control plane and of every agent at once, their workloads going
     * with them, then all started again: the GPUs the control plane counts as held (its running
     * ledger jobs) must come to be exactly those the workloads hold (the recovery figure), and no
     * job that had ended before the crash may change state or start again.
     */
    static void coldRestart(ChaosRun run, ChaosLoad load) {
        List<ChaosLoad.Accepted> accepted = load.accepted();
        Set<String> ledgerJobs = accepted.stream().filter(ChaosLoad.Accepted::writesLedger)
                .map(ChaosLoad.Accepted::id).collect(Collectors.toSet());
        Map<String, String> ended = ClusterView.endedJobs(run.admin, accepted);
        long killed = System.nanoTime();
        Instant killedAt = Instant.now();
        run.cluster.control().kill9();
        run.agents.forEach(name -> run.cluster.agent(name).kill9());
        run.cluster.restartControl();
        run.agents.forEach(run::restartAgent);
        Eventually.await("the GPUs held to be those the control plane counts", Duration.ofSeconds(90),
                () -> ClusterView.heldDiffers(run.admin, run.ledger, ledgerJobs) == null,
                () -> ClusterView.heldDiffers(run.admin, run.ledger, ledgerJobs) + "\n" + run.logs());
        run.recovered("cold restart", since(killed));
        assertThat(rerun(run, ended, killedAt)).as("jobs that had ended before the crash").isEmpty();
    }

    /**
     * A burst of submits at {@code perSecond} for {@code length} as tenant {@code flood}, while
     * the admin reads a job every 50 ms: the control plane stays up, every 429 or 503 says when
     * to try again, and reads are answered (their p99 is the recovery figure: what the burst did
     * to everyone else).
     */
    static void overload(ChaosRun run, double perSecond, Duration length, String probeJob) throws InterruptedException {
        SubmitFlood burst = run.flood(perSecond);
        ReadProbe reads = ReadProbe.read(run.admin, probeJob, length, () -> { });
        burst.close();
        assertThat(run.cluster.control().isAlive()).as("the control plane survived the burst").isTrue();
        assertThat(burst.refusedWithoutRetryAfter()).as("429s and 503s without Retry-After").isZero();
        long p99 = reads.percentile(99);
        System.out.printf("[chaos %s] burst of %.0f submits/s for %d s: %d accepted, refused %s; reads p99 %d ms%n",
                run.scenario(), perSecond, length.toSeconds(), burst.acceptedCount(), burst.refusals(), p99);
        assertThat(p99).as("reads answered under the burst, p99 in ms").isLessThan(5_000);
        run.recovered("overload burst", Duration.ofMillis(p99));
    }

    /** Jobs that had ended before the crash and changed state or started again after it, in words. */
    private static List<String> rerun(ChaosRun run, Map<String, String> ended, Instant killedAt) {
        List<String> found = new ArrayList<>();
        long killedNanos = killedAt.getEpochSecond() * 1_000_000_000L + killedAt.getNano();
        ended.forEach((id, state) -> {
            String now = run.admin.get("/api/v1/jobs/" + id).body().path("state").asText();
            if (!now.equals(state)) {
                found.add(id + " was " + state + " before the crash and is " + now + " after it");
            }
            run.ledger.of(id, "start").stream().filter(start -> start.epochNanos() > killedNanos)
                    .forEach(start -> found.add(id + " had ended (" + state + ") and started again: " + start));
        });
        return found;
    }

    private static Api.Answer submit(Api tenant) {
        return tenant.post("/api/v1/jobs", PROBE_JOB, Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    }

    private static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }
}
