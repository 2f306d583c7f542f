package org.gantry.tests.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.gantry.tests.support.Eventually;
import org.gantry.tests.support.Ledger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 5: the whole cluster dies at once ({@code kill -9} of the control plane and of every
 * agent, their workloads going with them) and is started again, while three tenants submit,
 * cancel and read. Afterwards every accepted job is back (the end-of-run checks), the GPUs the
 * control plane counts as held are exactly those the workloads hold (its running jobs, attempt,
 * node and GPUs, against the open runs in the ledger), and no job that had ended before the
 * crash runs again. The recovery figure is the time from the crash until those two views agree.
 */
class ColdRestartChaosTest {
    private static final Set<String> FINAL = Set.of("SUCCEEDED", "FAILED", "CANCELLED");

    @TempDir
    Path dir;

    @Test
    void aWholeClusterKilledAndStartedAgainLosesNothingAndRerunsNothing() throws Exception {
        try (ChaosRun run = ChaosRun.start("cold restart", dir, 3, 2)) {
            ChaosLoad load = run.load(1.5, 1.0, 4, 12, 5);
            long end = System.nanoTime() + ChaosRun.duration(Duration.ofSeconds(40)).toNanos();
            while (System.nanoTime() < end) {
                Thread.sleep(15_000);
                Map<String, String> ended = endedJobs(run, load);
                long killed = System.nanoTime();
                Instant killedAt = Instant.now();
                run.cluster.control().kill9();
                run.agents.forEach(name -> run.cluster.agent(name).kill9());
                run.cluster.restartControl();
                run.agents.forEach(name -> run.cluster.startAgent(name, "--gpus", "2"));
                Eventually.await("the GPUs held to be those the control plane counts", Duration.ofSeconds(90),
                        () -> heldDiffers(run) == null, () -> heldDiffers(run) + "\n" + run.logs());
                run.recovered(Duration.ofNanos(System.nanoTime() - killed));
                assertThat(rerun(run, ended, killedAt)).as("jobs that had ended before the crash").isEmpty();
            }
            List<String> violations = run.finish(load, Duration.ofMinutes(3));
            assertThat(violations).as(run.logs()).isEmpty();
        }
    }

    /** Accepted jobs the control plane says have ended, with their state. */
    private static Map<String, String> endedJobs(ChaosRun run, ChaosLoad load) {
        Map<String, String> ended = new HashMap<>();
        for (ChaosLoad.Accepted job : load.accepted()) {
            JsonNode record = run.admin.get("/api/v1/jobs/" + job.id()).body();
            if (record != null && FINAL.contains(record.path("state").asText())) {
                ended.put(job.id(), record.get("state").asText());
            }
        }
        return ended;
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

    /**
     * Null when the control plane's running jobs (id, attempt, node, GPU) are exactly the open
     * runs in the ledger; else what differs.
     */
    private static String heldDiffers(ChaosRun run) {
        Set<String> counted = new TreeSet<>();
        String cursor = null;
        do {
            JsonNode page = run.admin.get("/api/v1/jobs?state=RUNNING&limit=100"
                    + (cursor == null ? "" : "&cursor=" + cursor)).body();
            for (JsonNode job : page.get("jobs")) {
                String attempt = job.get("id").asText() + "#" + job.get("attempt").asInt();
                job.path("allocation").properties().forEach(node -> node.getValue().forEach(gpu ->
                        counted.add(attempt + "@" + node.getKey() + ":" + gpu.asInt())));
            }
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        Set<String> held = new TreeSet<>();
        Map<String, Ledger.Entry> open = new HashMap<>();
        for (Ledger.Entry entry : run.ledger.entries()) {
            String key = entry.job() + "#" + entry.attempt();
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
