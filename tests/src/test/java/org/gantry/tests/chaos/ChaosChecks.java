package org.gantry.tests.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gantry.tests.support.Api;
import org.gantry.tests.support.Ledger;

/**
 * What must hold after a chaos run, checked against what the cluster says and what the
 * workloads wrote: every accepted job exists exactly once (and, but for a flood's, ended); no job ran twice at once;
 * no GPU was used by two jobs at once; no tenant ran more jobs than its limit; every job that
 * succeeded ran to its end (a training job, to its last epoch and a version of its model). Each violation comes back in words.
 */
final class ChaosChecks {
    private ChaosChecks() {}

    /**
     * {@code flooded}: jobs a {@link SubmitFlood} got accepted, which must exist and be listed
     * once, but may still wait (a flood submits far more than the cluster runs).
     */
    static List<String> violations(Api admin, ChaosLoad load, List<ChaosLoad.Accepted> flooded, Ledger ledger,
                                   Map<String, Integer> limits) {
        List<String> found = new ArrayList<>(load.problems());
        List<ChaosLoad.Accepted> accepted = load.accepted();
        Map<String, String> tenantOf = new HashMap<>();
        Set<String> ids = new HashSet<>();
        Map<String, Set<String>> trainedBy = new HashMap<>();
        for (ChaosLoad.Accepted job : accepted) {
            if (!ids.add(job.id())) {
                found.add("two submits with different keys were answered with one job " + job.id());
            }
            tenantOf.put(job.id(), job.tenant());
            Api.Answer answer = admin.get("/api/v1/jobs/" + job.id());
            if (answer.status() != 200) {
                found.add("accepted job " + job.id() + " is gone: " + answer.status() + " " + answer.raw());
                continue;
            }
            JsonNode record = answer.body();
            String state = record.get("state").asText();
            if (!List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(state)) {
                found.add("accepted job " + job.id() + " never ended: " + state + " (" + record.path("reason").asText()
                        + ")");
            }
            if (job.workload() == ChaosLoad.Workload.TRAINING && state.equals("SUCCEEDED")) {
                if (!trainedBy.computeIfAbsent(job.tenant(), tenant -> trainedVersions(admin, tenant))
                        .contains(job.id())) {
                    found.add("training job " + job.id() + " SUCCEEDED, but no version of its tenant's model "
                            + ChaosLoad.TRAINING_MODEL + " was trained by it");
                }
                int epoch = record.path("progress").path("epoch").asInt(0);
                if (epoch != ChaosLoad.TRAINING_EPOCHS) {
                    found.add("training job " + job.id() + " SUCCEEDED showing epoch " + epoch + " of "
                            + ChaosLoad.TRAINING_EPOCHS);
                }
            }
            if (job.writesLedger() && state.equals("SUCCEEDED")) {
                int attempt = record.get("attempt").asInt();
                if (ledger.of(job.id(), "end").stream().noneMatch(end -> end.attempt() == attempt)) {
                    found.add("job " + job.id() + " SUCCEEDED, but its attempt " + attempt + " never ran to its end");
                }
            }
        }
        List<ChaosLoad.Accepted> every = new ArrayList<>(accepted);
        every.addAll(flooded);
        Set<String> tenants = new HashSet<>(limits.keySet());
        flooded.forEach(job -> tenants.add(job.tenant()));
        found.addAll(duplicatesListed(admin, tenants, every));
        found.addAll(resumptions(admin, ledger, accepted));
        found.addAll(ledger.doubleRuns());
        found.addAll(ledger.doubleBookedGpus());
        found.addAll(overLimits(ledger, tenantOf, limits));
        return found;
    }

    /**
     * Every later attempt of a checkpointing job resumed from the latest checkpoint stored before
     * it started, exactly: the count it started from (its ledger line) is the count that
     * checkpoint holds, which its stored size says ({@link Ledger#countIn}). An attempt that found
     * none stored starts from 0.
     */
    private static List<String> resumptions(Api admin, Ledger ledger, List<ChaosLoad.Accepted> accepted) {
        List<String> found = new ArrayList<>();
        for (ChaosLoad.Accepted job : accepted) {
            List<Ledger.Entry> starts = job.writesLedger() ? ledger.of(job.id(), "start") : List.of();
            if (starts.size() < 2) {
                continue;
            }
            List<StoredCheckpoint> stored = checkpointsStored(admin, job.id());
            for (Ledger.Entry start : starts.subList(1, starts.size())) {
                StoredCheckpoint latest = stored.stream()
                        .filter(checkpoint -> checkpoint.epochNanos() < start.epochNanos())
                        .max(Comparator.comparingLong(StoredCheckpoint::epochNanos)).orElse(null);
                long expected = latest == null ? 0 : Ledger.countIn(latest.bytes());
                if (start.count() != expected) {
                    found.add("job " + job.id() + " attempt " + start.attempt() + " resumed from count " + start.count()
                            + ", but the latest checkpoint stored before it started "
                            + (latest == null ? "was none" : "held " + expected + " (" + latest.bytes() + " bytes)"));
                }
            }
        }
        return found;
    }

    /** The jobs that trained a version of {@code tenant}'s model {@link ChaosLoad#TRAINING_MODEL}. */
    private static Set<String> trainedVersions(Api admin, String tenant) {
        Set<String> jobs = new HashSet<>();
        Api.Answer versions = admin.get("/api/v1/models/" + ChaosLoad.TRAINING_MODEL + "/versions?tenant=" + tenant);
        JsonNode list = versions.body() == null ? null : versions.body().isArray() ? versions.body()
                : versions.body().path("versions");
        if (list != null) {
            list.forEach(version -> jobs.add(version.path("job").asText()));
        }
        return jobs;
    }

    /** A checkpoint of a job as its events tell: when it was stored (epoch nanoseconds) and its size. */
    private record StoredCheckpoint(long epochNanos, long bytes) {}

    private static final Pattern STORED_BYTES = Pattern.compile("stored: (\\d+) bytes");

    /** The job's stored checkpoints. */
    private static List<StoredCheckpoint> checkpointsStored(Api admin, String id) {
        List<StoredCheckpoint> stored = new ArrayList<>();
        JsonNode events = admin.get("/api/v1/jobs/" + id + "/events").body();
        JsonNode entries = events.isArray() ? events : events.path("events");
        for (JsonNode entry : entries) {
            if (entry.path("event").asText().equals("CheckpointSaved")) {
                Instant at = Instant.parse(entry.get("at").asText());
                Matcher bytes = STORED_BYTES.matcher(entry.path("detail").asText());
                if (!bytes.find()) {
                    throw new IllegalStateException("a CheckpointSaved event of job " + id + " names no size: " + entry);
                }
                stored.add(new StoredCheckpoint(at.getEpochSecond() * 1_000_000_000L + at.getNano(),
                        Long.parseLong(bytes.group(1))));
            }
        }
        return stored;
    }

    /** Every tenant lists each of its accepted jobs once, and none it did not submit. */
    private static List<String> duplicatesListed(Api admin, Set<String> tenants, List<ChaosLoad.Accepted> accepted) {
        List<String> found = new ArrayList<>();
        for (String tenant : tenants) {
            Map<String, Integer> listed = new HashMap<>();
            String cursor = null;
            do {
                JsonNode page = admin.get("/api/v1/jobs?tenant=" + tenant + "&limit=100"
                        + (cursor == null ? "" : "&cursor=" + cursor)).body();
                page.get("jobs").forEach(job -> listed.merge(job.get("id").asText(), 1, Integer::sum));
                cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
            } while (cursor != null);
            Set<String> submitted = new HashSet<>();
            accepted.stream().filter(job -> job.tenant().equals(tenant)).forEach(job -> submitted.add(job.id()));
            listed.forEach((id, times) -> {
                if (times > 1) {
                    found.add("tenant " + tenant + " lists job " + id + " " + times + " times");
                }
                if (!submitted.contains(id)) {
                    found.add("tenant " + tenant + " lists job " + id + ", which no submit was answered with");
                }
            });
            submitted.stream().filter(id -> !listed.containsKey(id))
                    .forEach(id -> found.add("tenant " + tenant + " does not list its accepted job " + id));
        }
        return found;
    }

    /** Moments a tenant ran more one-GPU workloads at once than its limit allows. */
    private static List<String> overLimits(Ledger ledger, Map<String, String> tenantOf, Map<String, Integer> limits) {
        List<String> found = new ArrayList<>();
        Map<String, Set<String>> running = new HashMap<>();
        for (Ledger.Entry entry : ledger.entries()) {
            String tenant = tenantOf.get(entry.job());
            if (tenant == null) {
                continue;
            }
            Set<String> runs = running.computeIfAbsent(tenant, t -> new HashSet<>());
            String run = entry.job() + "#" + entry.attempt();
            if (entry.event().equals("start")) {
                runs.add(run);
                if (runs.size() > limits.get(tenant)) {
                    found.add("tenant " + tenant + " ran " + runs.size() + " jobs at once, over its limit of "
                            + limits.get(tenant) + ": " + runs);
                }
            } else {
                runs.remove(run);
            }
        }
        return found;
    }
}
