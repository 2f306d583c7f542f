package org.gantry.ops.cli.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.gantry.api.json.GantryJson;
import org.gantry.scheduler.bench.BenchConfig;
import org.gantry.scheduler.bench.BenchResult;
import org.gantry.scheduler.bench.PlanDigest;
import org.gantry.scheduler.bench.SchedulerBenchmark;
import org.gantry.scheduler.policy.Policies;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gantry bench scheduler}: the scheduling policy's throughput, latency and memory at scale. */
@Command(name = "scheduler",
        description = {
            "Measure the scheduling policy on a synthetic cluster: N nodes x G GPUs (one pool) and M pending jobs "
                + "with Philly's job sizes (1 GPU: 93%%, up to 128-GPU gangs), durations from a minute to a day, "
                + "four tenants with equal guarantees. It runs the production policy code, single-threaded, as "
                + "the scheduler does.",
            "",
            "Figures, with Gantry's targets at 10,000 nodes x 8 GPUs and 100,000 pending jobs:",
            "  placements/s   jobs started per second while filling the empty cluster: snapshot + plan() + "
                + "applying the plan, over every pass until the cluster is full, after two warm-up fills of "
                + "throwaway clusters (the first, cold one is shown too). Target: >= 100,000/s.",
            "  pass p50/p99   time of one incremental pass (building the snapshot + plan()) after one running "
                + "job finishes, with M jobs still pending and the cluster otherwise full; after a warm-up. "
                + "Target: p99 <= 2 ms, and near-flat as M grows (a pass stops once nothing else can start).",
            "  heap/job       heap the pending jobs take in the scheduler's queue structures, per job (used heap "
                + "after GC, before and after queueing them). Target: <= 2 KiB.",
            ""},
        footer = {
            "",
            "Examples:",
            "  gantry bench scheduler",
            "  gantry bench scheduler --pending 1000000 --json > bench.json",
            "  gantry bench scheduler --nodes 100 --pending 5000 --policy fifo-backfill",
            "",
            "Progress goes to stderr; the report to stdout. Give the JVM more heap for large M:",
            "  GANTRY_JAVA_OPTS=-Xmx6g ./gantry bench scheduler --pending 1000000"},
        mixinStandardHelpOptions = true)
final class SchedulerBenchCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "" + BenchConfig.DEFAULT_NODES,
            description = "Nodes in the synthetic cluster (default: ${DEFAULT-VALUE}).")
    private int nodes;

    @Option(names = "--gpus-per-node", paramLabel = "G", defaultValue = "" + BenchConfig.DEFAULT_GPUS_PER_NODE,
            description = "GPUs on each node, 1..64 (default: ${DEFAULT-VALUE}).")
    private int gpusPerNode;

    @Option(names = "--pending", paramLabel = "M", defaultValue = "" + BenchConfig.DEFAULT_PENDING,
            description = "Jobs kept waiting in the queue (default: ${DEFAULT-VALUE}).")
    private int pending;

    @Option(names = "--policy", paramLabel = "NAME", defaultValue = "gantry",
            completionCandidates = RunnablePolicies.class,
            description = "Policy to measure, one of ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}, the "
                    + "production pipeline).")
    private String policy;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of the synthetic jobs; the same seed gives the same jobs (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--json", description = "Print one JSON object with every figure, the inputs and the JVM's "
            + "maximum heap.")
    private boolean json;

    @Option(names = "--breakdown", description = "Also time the policy's stages (room making, the reserve rule, "
            + "elastic growth) in every timed pass, and show the " + "10 slowest passes: wall and CPU time, bytes "
            + "allocated, jobs started, preemptions, jobs explained, and the time and calls of each stage. Adds a "
            + "little overhead to the timed passes.")
    private boolean breakdown;

    @Option(names = "--plans-digest", description = "Also print a SHA-256 over every plan applied to the measured "
            + "cluster (placements, preemptions, resizes, explanations): a change that only makes passes cheaper "
            + "must print the same digest for the same inputs. Read outside the timed work.")
    private boolean plansDigest;

    @Override
    public Integer call() {
        if (!Policies.names().contains(policy)) {
            throw new ParameterException(spec.commandLine(), "unknown policy '" + policy + "'; known: "
                    + String.join(", ", Policies.names()));
        }
        BenchConfig config;
        try {
            config = new BenchConfig(nodes, gpusPerNode, pending, policy, seed, BenchConfig.DEFAULT_WARMUP_PASSES,
                    BenchConfig.DEFAULT_MEASURED_PASSES, breakdown);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        BenchResult result;
        PlanDigest digest = plansDigest ? new PlanDigest() : null;
        try {
            result = new SchedulerBenchmark(config, line -> {
                err.println("gantry bench scheduler: " + line);
                err.flush();
            }, digest != null ? digest : plan -> {}).run();
        } catch (OutOfMemoryError e) {
            err.println("gantry bench scheduler: out of memory for " + pending + " pending jobs; give the JVM more "
                    + "heap, e.g. GANTRY_JAVA_OPTS=-Xmx8g ./gantry bench scheduler --pending " + pending);
            return 1;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? json(result, digest) : BenchReport.render(result));
        if (digest != null && !json) {
            out.printf("  plans digest %s (%,d plans)%n", digest.hex(), digest.plans());
        }
        out.flush();
        return 0;
    }

    private static String json(BenchResult result, PlanDigest digest) {
        ObjectNode node = GantryJson.mapper().createObjectNode();
        node.put("nodes", result.nodes());
        node.put("gpusPerNode", result.gpusPerNode());
        node.put("totalGpus", result.totalGpus());
        node.put("pending", result.pending());
        node.put("policy", result.policy());
        node.put("seed", result.seed());
        node.put("fillPlacements", result.fillPlacements());
        node.put("fillPasses", result.fillPasses());
        node.put("fillSeconds", result.fillSeconds());
        node.put("placementsPerSecond", result.placementsPerSecond());
        node.put("coldPlacementsPerSecond", result.coldPlacementsPerSecond());
        node.put("runningAfterFill", result.runningAfterFill());
        node.put("freeGpusAfterFill", result.freeGpusAfterFill());
        node.put("warmupPasses", result.warmupPasses());
        node.put("passes", result.passes());
        node.put("passMeanMillis", result.passMeanMillis());
        node.put("passP50Millis", result.passP50Millis());
        node.put("passP99Millis", result.passP99Millis());
        node.put("passMaxMillis", result.passMaxMillis());
        node.put("passCpuP50Millis", result.passCpuP50Millis());
        node.put("passCpuP99Millis", result.passCpuP99Millis());
        node.put("passAllocatedBytes", result.passAllocatedBytes());
        node.put("placementsPerPass", result.placementsPerPass());
        node.put("clockSeconds", result.clockSeconds());
        node.put("heapBytesPerPendingJob", result.heapBytesPerPendingJob());
        node.put("heapMaxBytes", result.heapMaxBytes());
        if (digest != null) {
            node.put("plansDigest", digest.hex());
            node.put("plansDigested", digest.plans());
        }
        if (!result.slowestPasses().isEmpty()) {
            node.set("slowestPasses", GantryJson.mapper().valueToTree(result.slowestPasses()));
        }
        try {
            return GantryJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
