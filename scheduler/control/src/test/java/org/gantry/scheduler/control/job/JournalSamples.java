package org.gantry.scheduler.control.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.CheckpointPolicy;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.JobSpec;
import org.gantry.api.job.JobState;
import org.gantry.api.job.JobType;
import org.gantry.api.job.PlacementConstraints;
import org.gantry.api.job.ProcessWorkload;
import org.gantry.api.job.SimulatedWorkload;
import org.gantry.api.tenant.TenantId;

/**
 * Two job histories that use every event type and both workload kinds, and the journal form of
 * them: one JSON line per event, {@code {"job", "manifest", "event"}}, the event being the tree
 * of the CBOR bytes Pekko's serializer wrote. {@code src/test/resources/journal/job-events-vN.jsonl}
 * holds what each version of the schema wrote. When an event's schema changes, bump its
 * migration's version, write the new file with
 * {@code mvn -pl scheduler/control -am test -Dtest=JournalFixtureTest -Djournal.write=$PWD/scheduler/control/src/test/resources/journal/job-events-vN.jsonl}
 * and point {@link #LATEST} at it.
 */
final class JournalSamples {
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    static final String LATEST = "journal/job-events-v5.jsonl";

    static final JobSpec TRAINER = JobSpec.builder("resnet50", GpuRequest.elastic(2, 4),
                    new ProcessWorkload(List.of("python", "train.py"), Map.of("LR", "0.1"),
                            Map.of("WANDB_KEY", "s3cret"), "/work"))
            .tenant(TenantId.of("vision")).pool(PoolId.of("a100")).type(JobType.TRAINING)
            .constraints(new PlacementConstraints("A100", 40960, Map.of("zone", "eu")))
            .estimatedDuration(Duration.ofHours(2)).timeLimit(Duration.ofHours(4)).priority(3)
            .checkpoint(CheckpointPolicy.ofSeconds(600)).maxRetries(2).labels(Map.of("team", "cv")).build();

    static final JobSpec SERVER = JobSpec.builder("serve", GpuRequest.fixed(1), SimulatedWorkload.ofSeconds(900))
            .tenant(TenantId.of("nlp")).type(JobType.INFERENCE).preemptible(false).build();

    private JournalSamples() {}

    /** Job name → its events, in order. */
    static Map<String, List<JobEvent>> histories() {
        Map<String, List<JobEvent>> histories = new LinkedHashMap<>();
        histories.put("trainer", List.of(
                new JobEvent.Submitted(StoredSpec.of(TRAINER), "key-1", at(0)),
                new JobEvent.Scheduled(1, Map.of(NodeId.of("node-a"), List.of(0, 1)), at(1)),
                new JobEvent.Started(1, at(2)),
                new JobEvent.SuspendRequested(1, "preempted for tenant nlp", at(32)),
                new JobEvent.Requeued(1, "preempted for tenant nlp", false, at(33)),
                new JobEvent.Scheduled(2, Map.of(NodeId.of("node-b"), List.of(4, 5, 6)), at(40)),
                new JobEvent.Started(2, at(41)),
                new JobEvent.Requeued(2, "exit code 3: retry 1 of 2", true, at(61)),
                new JobEvent.Scheduled(3, Map.of(NodeId.of("node-a"), List.of(0, 1), NodeId.of("node-c"),
                        List.of(2, 3)), at(70)),
                new JobEvent.Started(3, at(71)),
                new JobEvent.CancelRequested("alice", at(90)),
                new JobEvent.Finished(3, JobState.CANCELLED, 143, "cancelled by alice", at(91))));
        histories.put("server", List.of(
                new JobEvent.Submitted(StoredSpec.of(SERVER), null, at(0)),
                new JobEvent.Scheduled(1, Map.of(NodeId.of("node-d"), List.of(7)), at(5)),
                new JobEvent.Started(1, at(6)),
                new JobEvent.Finished(1, JobState.SUCCEEDED, 0, "exit code 0", at(21))));
        return histories;
    }

    static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    /** The journal lines the current code writes for {@link #histories}. */
    static List<JsonNode> journalLines(Serialization serialization) throws IOException {
        ObjectMapper cbor = new ObjectMapper(new CBORFactory());
        List<JsonNode> lines = new ArrayList<>();
        for (Map.Entry<String, List<JobEvent>> history : histories().entrySet()) {
            for (JobEvent event : history.getValue()) {
                Serializer serializer = serialization.findSerializerFor(event);
                ObjectNode line = cbor.createObjectNode();
                line.put("job", history.getKey());
                line.put("manifest", Serializers.manifestFor(serializer, event));
                line.set("event", cbor.readTree(serializer.toBinary(event)));
                lines.add(line);
            }
        }
        return lines;
    }
}
