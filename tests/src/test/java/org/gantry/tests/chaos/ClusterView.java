package org.gantry.tests.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;
import org.gantry.tests.support.Api;
import org.gantry.tests.support.Ledger;

/**
 * What a chaos run reads while it injects faults: the control plane's view of nodes and jobs,
 * and the ledger's of the runs that hold GPUs. Each read is one look, no waiting.
 */
final class ClusterView {
    static final Set<String> FINAL = Set.of("SUCCEEDED", "FAILED", "CANCELLED");

    private ClusterView() {}

    /** Jobs the control plane says hold GPUs on {@code node}. */
    static List<String> runningOn(Api admin, String node) {
        for (JsonNode entry : admin.get("/api/v1/nodes").body().get("nodes")) {
            if (entry.get("id").asText().equals(node)) {
                return StreamSupport.stream(entry.path("jobs").spliterator(), false).map(JsonNode::asText).toList();
            }
        }
        return List.of();
    }

    /** Each node's status as the control plane lists it; empty while it cannot be reached. */
    static Map<String, String> statuses(Api admin) {
        Map<String, String> statuses = new HashMap<>();
        try {
            JsonNode nodes = admin.get("/api/v1/nodes").body().path("nodes");
            nodes.forEach(node -> statuses.put(node.path("id").asText(), node.path("status").asText()));
        } catch (UncheckedIOException unreachable) {
            // the control node is down or cut off from the test
        }
        return statuses;
    }

    /** Whether the control plane lists exactly {@code nodes} nodes, all READY. */
    static boolean allReady(Api admin, int nodes) {
        Map<String, String> statuses = statuses(admin);
        return statuses.size() == nodes && statuses.values().stream().allMatch("READY"::equals);
    }

    static boolean ready(Api admin, String node) {
        return "READY".equals(statuses(admin).get(node));
    }

    static boolean ended(Api admin, String id) {
        return FINAL.contains(admin.get("/api/v1/jobs/" + id).body().get("state").asText());
    }

    /** Runs the ledger shows started on {@code node} and not yet ended or stopped. */
    static List<String> openRunsOn(Ledger ledger, String node) {
        Set<String> open = new HashSet<>();
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

    /** Accepted jobs the control plane says have ended, with their state. */
    static Map<String, String> endedJobs(Api admin, List<ChaosLoad.Accepted> accepted) {
        Map<String, String> ended = new HashMap<>();
        for (ChaosLoad.Accepted job : accepted) {
            JsonNode record = admin.get("/api/v1/jobs/" + job.id()).body();
            if (record != null && FINAL.contains(record.path("state").asText())) {
                ended.put(job.id(), record.get("state").asText());
            }
        }
        return ended;
    }

    /**
     * Null when the control plane's running jobs (id, attempt, node, GPU) among
     * {@code ledgerJobs} are exactly their open runs in the ledger (simulated and training jobs
     * write none); else what differs.
     */
    static String heldDiffers(Api admin, Ledger ledger, Set<String> ledgerJobs) {
        Set<String> counted = new TreeSet<>();
        String cursor = null;
        do {
            JsonNode page = admin.get("/api/v1/jobs?state=RUNNING&limit=100"
                    + (cursor == null ? "" : "&cursor=" + cursor)).body();
            for (JsonNode job : page.get("jobs")) {
                if (!ledgerJobs.contains(job.get("id").asText())) {
                    continue;
                }
                String attempt = job.get("id").asText() + "#" + job.get("attempt").asInt();
                job.path("allocation").properties().forEach(node -> node.getValue().forEach(gpu ->
                        counted.add(attempt + "@" + node.getKey() + ":" + gpu.asInt())));
            }
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        Set<String> held = new TreeSet<>();
        Map<String, Ledger.Entry> open = new HashMap<>();
        for (Ledger.Entry entry : ledger.entries()) {
            String key = entry.job() + "#" + entry.attempt();
            if (!ledgerJobs.contains(entry.job())) {
                continue;
            }
            if (entry.event().equals("start")) {
                open.put(key, entry);
            } else {
                open.remove(key);
            }
        }
        open.forEach((key, start) -> {
            for (String gpu : start.gpus().split(",")) {
                held.add(key + "@" + start.node() + ":" + gpu.trim());
            }
        });
        if (counted.equals(held)) {
            return null;
        }
        Set<String> onlyCounted = new TreeSet<>(counted);
        onlyCounted.removeAll(held);
        Set<String> onlyHeld = new TreeSet<>(held);
        onlyHeld.removeAll(counted);
        return "counted by the control plane only: " + onlyCounted + "; held by workloads only: " + onlyHeld;
    }
}
