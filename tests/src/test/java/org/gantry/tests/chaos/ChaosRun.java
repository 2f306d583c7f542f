package org.gantry.tests.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gantry.scheduler.control.service.Tokens;
import org.gantry.tests.support.Api;
import org.gantry.tests.support.Eventually;
import org.gantry.tests.support.JvmCluster;
import org.gantry.tests.support.Ledger;
import org.gantry.tests.support.NetworkNamespaces;

/**
 * One chaos scenario on real JVMs: a {@code gantry control} and several {@code gantry agent}s,
 * three tenants with different limits, a {@link ChaosLoad}, the faults the scenario injects (it
 * records each and how long the cluster took to recover), and at the end the
 * {@link ChaosChecks} and a line for the report. How long the load runs is
 * {@code -Dchaos.minutes=N} (a long run by hand), else the scenario's short default (CI).
 */
final class ChaosRun implements AutoCloseable {
    /** Where every run appends its line: one table for a whole {@code mvn verify}. */
    static final Path REPORT = Path.of("target", "chaos-report.md");
    private static final String ADMIN = Tokens.generate();
    /** What an agent logs when a renewal comes after a silence (see NodeAgent#onRenewLease). */
    private static final java.util.regex.Pattern RENEWAL_GAP = java.util.regex.Pattern.compile(
            "renewed (?:its lease )?after (\\S+) without");

    private static final java.util.function.Predicate<String> LEASE_STORY = java.util.regex.Pattern.compile(
            "lease|left the cluster|ControlPlaneWatch|HubDowning").asPredicate();

    /**
     * JVM options for a control plane that lets one tenant submit as fast as it can and keep as
     * many jobs waiting as it submits (a flood's): no per-token rate, no cap on waiting jobs.
     */
    static final String[] NO_RATE_LIMIT = {"-Dgantry.api.rate-limit.per-second=1000000",
            "-Dgantry.api.rate-limit.burst=1000000", "-Dgantry.scheduler.max-pending-per-tenant=10000000"};

    final JvmCluster cluster;
    final Api admin;
    final Ledger ledger;
    final List<String> agents = new ArrayList<>();
    final Map<String, Api> tenants = new LinkedHashMap<>();
    final Map<String, Integer> limits = new LinkedHashMap<>();
    private final String scenario;
    private final int gpusPerAgent;
    /** Each fault injected, by kind, with how long the cluster took to recover (null: nothing to recover from). */
    private final Map<String, List<Duration>> faults = new LinkedHashMap<>();
    private final List<SubmitFlood> floods = new ArrayList<>();
    private Api floodTenant;

    private ChaosRun(String scenario, Path dir, int agentCount, int gpusPerAgent, NetworkNamespaces net,
                     String... controlOptions) {
        this.scenario = scenario;
        this.gpusPerAgent = gpusPerAgent;
        this.cluster = new JvmCluster(dir, ADMIN, net);
        this.admin = cluster.startControl(controlOptions);
        for (int i = 1; i <= agentCount; i++) {
            String name = "agent-" + i;
            agents.add(name);
            restartAgent(name);
        }
        cluster.awaitNodes(admin, agentCount);
        this.ledger = new Ledger(dir.resolve("ledger.txt"));
        int total = agentCount * gpusPerAgent;
        // Limits that add up to more than the cluster holds, so tenants borrow and are held back.
        addTenant("small", 1, Math.max(1, total / 3));
        addTenant("medium", 1, Math.max(1, total / 2));
        addTenant("large", 1, total);
    }

    static ChaosRun start(String scenario, Path dir, int agents, int gpusPerAgent, String... controlOptions) {
        return new ChaosRun(scenario, dir, agents, gpusPerAgent, null, controlOptions);
    }

    /** With the control node in namespace "control" of {@code net} and each agent ("agent-N") in its own. */
    static ChaosRun startIn(NetworkNamespaces net, String scenario, Path dir, int agents, int gpusPerAgent,
                            String... controlOptions) {
        return new ChaosRun(scenario, dir, agents, gpusPerAgent, net, controlOptions);
    }

    /** Starts agent {@code name} (again, after it was killed) with its GPUs, in its namespace if the run has them. */
    void restartAgent(String name) {
        cluster.startAgent(name, "--gpus", String.valueOf(gpusPerAgent));
    }

    String scenario() {
        return scenario;
    }

    /** The names {@link #startIn} needs namespaces for. */
    static List<String> members(int agents) {
        List<String> names = new ArrayList<>(List.of("control"));
        for (int i = 1; i <= agents; i++) {
            names.add("agent-" + i);
        }
        return names;
    }

    /** {@code -Dchaos.minutes} when given, else {@code short}. */
    static Duration duration(Duration shortRun) {
        String minutes = System.getProperty("chaos.minutes");
        return minutes == null || minutes.isBlank() ? shortRun : Duration.ofSeconds(
                Math.round(Double.parseDouble(minutes) * 60));
    }

    private void addTenant(String name, int guaranteed, int limit) {
        tenants.put(name, cluster.tenant(admin, name, guaranteed, limit));
        limits.put(name, limit);
    }

    /** Jobs of 2 to 6 s. */
    ChaosLoad load(double perSecond, double ledgerShare, long seed) {
        return load(perSecond, ledgerShare, 2, 6, seed);
    }

    ChaosLoad load(double perSecond, double ledgerShare, int minSeconds, int maxSeconds, long seed) {
        return new ChaosLoad(tenants, ledger, perSecond, ledgerShare, minSeconds, maxSeconds, seed).start();
    }

    /** As {@link #load(double, double, int, int, long)}, with {@code trainingShare} of the submits {@code djl-train} jobs on {@code csv}. */
    ChaosLoad mixedLoad(double perSecond, double ledgerShare, double trainingShare, Path csv, int minSeconds,
                        int maxSeconds, long seed) {
        return new ChaosLoad(tenants, ledger, perSecond, ledgerShare, minSeconds, maxSeconds, seed)
                .withTraining(trainingShare, csv).start();
    }

    /**
     * Submits {@code perSecond} short simulated jobs as tenant {@code flood}, which may hold one
     * GPU: the flood tests the submit path, not the GPUs the other tenants' load needs.
     */
    SubmitFlood flood(double perSecond) {
        return flood(perSecond, SubmitFlood.IN_FLIGHT);
    }

    /** As {@link #flood(double)}, with at most {@code maxInFlight} submits unanswered at once. */
    SubmitFlood flood(double perSecond, int maxInFlight) {
        if (floodTenant == null) {
            floodTenant = cluster.tenant(admin, "flood", 0, 1);
        }
        SubmitFlood flood = new SubmitFlood(floodTenant, "flood", perSecond, maxInFlight).start();
        floods.add(flood);
        return flood;
    }

    /** A fault of this kind was injected, and the cluster took {@code recovery} to recover from it. */
    void recovered(String fault, Duration recovery) {
        faults.computeIfAbsent(fault, kind -> new ArrayList<>()).add(recovery);
        System.out.printf("[chaos %s] fault %d (%s): recovered in %.1f s%n", scenario, faultCount(), fault,
                recovery.toMillis() / 1e3);
    }

    /** A fault was injected after which there was nothing to recover from (a pause within the lease, say). */
    void injected(String fault) {
        faults.computeIfAbsent(fault, kind -> new ArrayList<>()).add(null);
        System.out.printf("[chaos %s] fault %d (%s): nothing to recover from%n", scenario, faultCount(), fault);
    }

    /** Whether {@link #finish} got as far as its report. */
    private boolean reported;

    private int faultCount() {
        return faults.values().stream().mapToInt(List::size).sum();
    }

    /**
     * Stops the load, waits until every accepted job ended (up to {@code drain}), checks the
     * history and writes the report's line. The violations found.
     */
    List<String> finish(ChaosLoad load, Duration drain) {
        load.close();
        List<ChaosLoad.Accepted> flooded = new ArrayList<>();
        List<String> floodProblems = new ArrayList<>();
        for (SubmitFlood flood : floods) {
            flood.close();
            flooded.addAll(flood.accepted());
            floodProblems.addAll(flood.problems());
        }
        List<ChaosLoad.Accepted> accepted = load.accepted();
        try {
            Eventually.await("every accepted job to end", drain, () -> accepted.stream().allMatch(job ->
                    List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(admin.get("/api/v1/jobs/" + job.id()).body()
                            .get("state").asText())), () -> "");
        } catch (AssertionError notDrained) {
            // Reported below, job by job.
        }
        List<String> violations = new ArrayList<>(floodProblems);
        violations.addAll(ChaosChecks.violations(admin, load, flooded, ledger, limits));
        report(accepted.size(), load, violations);
        return violations;
    }

    private void report(int jobs, ChaosLoad load, List<String> violations) {
        reported = true;
        List<Duration> recoveries = faults.values().stream().flatMap(List::stream)
                .filter(java.util.Objects::nonNull).toList();
        List<String> agentLines = agents.stream().map(cluster::agent)
                .flatMap(agent -> agent.output().lines()).toList();
        // The agent's own account of its leases and memberships, for the reader of a run's output.
        agentLines.stream().filter(LEASE_STORY).forEach(line -> System.out.println("[chaos agent] " + line));
        long lapses = agentLines.stream().filter(line -> line.contains("renewed its lease after")).count();
        long fenced = agentLines.stream().filter(line -> line.contains("its lease lapsed")).count();
        double longestGap = agentLines.stream().map(RENEWAL_GAP::matcher).filter(java.util.regex.Matcher::find)
                .mapToDouble(found -> Duration.parse("PT" + found.group(1).toUpperCase()).toMillis() / 1e3)
                .max().orElse(0);
        String flooding = floods.stream().map(flood -> String.format("; flood of %.0f/s offered: %d accepted, "
                + "%.0f/s taken in, %.0f requests/s sent, answers %s, refused %s, %d resent; a request answered in "
                + "p50 %d ms / p99 %d ms, a submit (resends included) in p50 %d ms / p99 %d ms",
                flood.offeredPerSecond(), flood.acceptedCount(), flood.acceptedPerSecond(), flood.requestsPerSecond(),
                flood.answers(), flood.refusals(), flood.resent(), flood.requestMillis(50), flood.requestMillis(99),
                flood.answerMillis(50), flood.answerMillis(99)))
                .collect(java.util.stream.Collectors.joining());
        List<Ledger.Entry> laterStarts = ledger.entries().stream()
                .filter(entry -> entry.event().equals("start") && entry.attempt() > 1).toList();
        long resumed = laterStarts.stream().filter(start -> start.count() > 0).count();
        Map<ChaosLoad.Workload, Long> byWorkload = new java.util.EnumMap<>(ChaosLoad.Workload.class);
        load.accepted().forEach(job -> byWorkload.merge(job.workload(), 1L, Long::sum));
        String resumptions = String.format("; %d later attempts, %d resumed from a checkpoint; jobs by workload %s",
                laterStarts.size(), resumed, byWorkload);
        String line = String.format("| %s | %d | %d (%d ledger lines; answers %s; %d resent; lease lapses %d, %d with work stopped; "
                        + "longest wait for a renewal %.1f s%s%s) | %d | %s |%n", scenario, faultCount(), jobs,
                ledger.entries().size(), load.answers(), load.resent(), lapses, fenced, longestGap, resumptions, flooding,
                violations.size(), recovery(recoveries));
        if (faults.size() > 1) { // a soak: a line for each kind of fault too
            line += faults.entrySet().stream().map(kind -> String.format("| %s: %s | %d | | | %s |%n", scenario,
                    kind.getKey(), kind.getValue().size(), recovery(kind.getValue().stream()
                            .filter(java.util.Objects::nonNull).toList()))).collect(java.util.stream.Collectors.joining());
        }
        System.out.print("[chaos report] " + line);
        violations.forEach(violation -> System.out.println("[chaos violation] " + violation));
        try {
            Files.createDirectories(REPORT.getParent());
            if (!Files.exists(REPORT)) {
                Files.writeString(REPORT, "| scenario | faults | jobs | violations | recovery p50 / p99 |\n"
                        + "|---|--:|---|--:|---|\n");
            }
            Files.writeString(REPORT, line, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "p50 / p99 s" of these recovery times, "–" for none. */
    private static String recovery(List<Duration> recoveries) {
        List<Long> millis = recoveries.stream().map(Duration::toMillis).sorted().toList();
        return millis.isEmpty() ? "–" : String.format("%.1f / %.1f s", Percentile.of(millis, 50) / 1e3,
                Percentile.of(millis, 99) / 1e3);
    }

    String logs() {
        return cluster.logs();
    }

    /**
     * A run that ended before its report (an exception, not a failed check) prints what its
     * JVMs said last, and whether the control plane was alive: nothing else would keep it.
     */
    @Override
    public void close() {
        if (!reported) {
            System.out.printf("[chaos %s] the run ended before its checks; control plane alive: %s; the cluster's "
                    + "last lines:%n%s%n", scenario(), cluster.control().isAlive(), logs());
        }
        cluster.close();
    }
}
