package org.gantry.scheduler.control.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.gantry.api.job.Job;
import org.gantry.api.job.JobId;
import org.gantry.api.job.JobResources;
import org.gantry.api.job.JobState;
import org.gantry.scheduler.control.secret.SecretSeal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every version of the journal schema wrote still replays: the committed journal lines of
 * each version go through Pekko's serializer (and its migrations) and the entity's fold. And
 * the current code writes exactly the newest file, so a schema change without a new version
 * and a migration fails here.
 */
class JournalFixtureTest {
    private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ActorTestKit testKit;
    private static Serialization serialization;

    @BeforeAll
    static void startSystem() {
        testKit = ActorTestKit.create(ConfigFactory.load());
        serialization = SerializationExtension.get(testKit.system().classicSystem());
    }

    @AfterAll
    static void stopSystem() {
        testKit.shutdownTestKit();
    }

    /**
     * v1: builds before the journal had its own types (Submitted embedded the API's JobSpec);
     * v2: before the spec stored its checkpoint grace period (every checkpointing job had 30 s);
     * v3: before it stored its memory and CPU limits (every job had none);
     * v4: before it stored whether the job may be requeued when its node is lost (every job was).
     */
    @ParameterizedTest
    @ValueSource(strings = {"journal/job-events-v1.jsonl", "journal/job-events-v2.jsonl",
        "journal/job-events-v3.jsonl", "journal/job-events-v4.jsonl", JournalSamples.LATEST})
    void everyVersionReplaysToTheJobsItsEventsDescribe(String file) throws IOException {
        Map<String, List<JobEvent>> replayed = read(file);

        assertThat(replayed).isEqualTo(JournalSamples.histories());
        Job trainer = JobLifecycle.replay(JobId.of("trainer"), replayed.get("trainer"));
        assertThat(trainer.spec()).isEqualTo(JournalSamples.TRAINER);
        assertThat(trainer.state()).isEqualTo(JobState.CANCELLED);
        assertThat(trainer.retries()).isEqualTo(1);
        // 31 min on 2 GPUs, 20 min on 3, 20 min on 4.
        assertThat(trainer.attainedGpuSeconds()).isEqualTo((31 * 2 + 20 * 3 + 20 * 4) * 60);
        Job server = JobLifecycle.replay(JobId.of("server"), replayed.get("server"));
        assertThat(server.spec()).isEqualTo(JournalSamples.SERVER);
        assertThat(server.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(server.attainedGpuSeconds()).isEqualTo(15 * 60);
    }

    /** Builds before sealing wrote secret values plain: they replay, and reach the agent as they were. */
    @ParameterizedTest
    @ValueSource(strings = {"journal/job-events-v1.jsonl", "journal/job-events-v2.jsonl", JournalSamples.LATEST})
    void plainSecretValuesOfOlderJournalsOpenAsTheyWere(String file) throws IOException {
        Job trainer = JobLifecycle.replay(JobId.of("trainer"), read(file).get("trainer"));

        SecretSeal seal = new SecretSeal(new byte[32]);
        assertThat(seal.open(trainer.spec())).isEqualTo(JournalSamples.TRAINER);
        assertThat(seal.openValues(trainer.spec())).containsExactly("s3cret");
    }

    @Test
    void theCurrentCodeWritesTheNewestVersionsFile() throws IOException {
        List<JsonNode> committed = lines(JournalSamples.LATEST);

        assertThat(JournalSamples.journalLines(serialization)).containsExactlyElementsOf(committed);
        assertThat(committed.get(0).get("manifest").asText()).endsWith("JobEvent$Submitted#5");
    }

    @Test
    void aSpecsResourcesAreKeptFromVersion4On() {
        JobEvent.Submitted submitted = new JobEvent.Submitted(StoredSpec.of(JournalSamples.TRAINER.toBuilder()
                .resources(new JobResources("8Gi", 2.5)).build()), null, JournalSamples.T0);
        Serializer serializer = serialization.findSerializerFor(submitted);
        String manifest = Serializers.manifestFor(serializer, submitted);
        Object read = serialization.deserialize(serializer.toBinary(submitted), serializer.identifier(), manifest).get();

        assertThat(read).isEqualTo(submitted);
        assertThat(((JobEvent.Submitted) read).spec().toApi().resources().memoryBytes()).isEqualTo(8L << 30);
    }

    @Test
    void aJobThatMayNotRunTwiceKeepsSayingSoFromVersion5On() {
        JobEvent.Submitted submitted = new JobEvent.Submitted(StoredSpec.of(JournalSamples.TRAINER.toBuilder()
                .requeueable(false).build()), null, JournalSamples.T0);
        Serializer serializer = serialization.findSerializerFor(submitted);
        String manifest = Serializers.manifestFor(serializer, submitted);
        Object read = serialization.deserialize(serializer.toBinary(submitted), serializer.identifier(), manifest).get();

        assertThat(read).isEqualTo(submitted);
        assertThat(((JobEvent.Submitted) read).spec().toApi().requeueable()).isFalse();
    }

    @Test
    void aSnapshotOfTheCurrentVersionReadsBackAndOneWithoutAVersionIsRefused() {
        List<JobEvent> events = JournalSamples.histories().get("trainer");
        JobLifecycle running = JobLifecycle.fold(events.subList(0, 3));
        Serializer serializer = serialization.findSerializerFor(running);
        byte[] bytes = serializer.toBinary(running);
        String manifest = Serializers.manifestFor(serializer, running);

        assertThat(manifest).endsWith("JobLifecycle$Running#4");
        assertThat(serialization.deserialize(bytes, serializer.identifier(), manifest).get()).isEqualTo(running);
        // Version 2 lacked the newest checkpoint, version 3 the training progress: such snapshots (and job
        // table rows) read as a job with none.
        ObjectNode v3 = (ObjectNode) readCbor(bytes);
        ((ObjectNode) v3.get("facts")).remove("progressAttempt");
        ((ObjectNode) v3.get("facts")).remove("progress");
        assertThat(serialization.deserialize(writeCbor(v3), serializer.identifier(), manifest.replace("#4", "#3"))
                .get()).isEqualTo(running);
        ObjectNode v2 = v3.deepCopy();
        ((ObjectNode) v2.get("facts")).remove("lastCheckpoint");
        String v2Manifest = manifest.replace("#4", "#2");
        assertThat(serialization.deserialize(writeCbor(v2), serializer.identifier(), v2Manifest).get())
                .isEqualTo(running);
        // Progress is part of the snapshot from version 4 on.
        JobLifecycle trained = running.apply(new JobEvent.Progressed(1, List.of(new EpochFacts(3, 10, 0.5, 0.4, 0.3)),
                java.time.Instant.parse("2026-01-02T03:04:05Z")));
        assertThat(serialization.deserialize(serializer.toBinary(trained), serializer.identifier(), manifest)
                .get()).isEqualTo(trained);
        // A stored checkpoint is part of the snapshot from version 3 on.
        JobLifecycle checkpointed = running.apply(new JobEvent.CheckpointSaved(1, 1_700_000_000_000L, 4096,
                java.time.Instant.parse("2026-01-02T03:04:05Z")));
        assertThat(serialization.deserialize(serializer.toBinary(checkpointed), serializer.identifier(), manifest)
                .get()).isEqualTo(checkpointed);
        // What older builds wrote had no version: the store skips it and recovery replays the events.
        String unversioned = manifest.substring(0, manifest.indexOf('#'));
        assertThatThrownBy(() -> serialization.deserialize(bytes, serializer.identifier(), unversioned).get())
                .hasMessageContaining("replayed");
    }

    /** Not a check: writes the current version's file when asked to (see {@link JournalSamples}). */
    @Test
    @EnabledIfSystemProperty(named = "journal.write", matches = ".+")
    void writeTheCurrentVersionsFile() throws IOException {
        StringBuilder out = new StringBuilder();
        for (JsonNode line : JournalSamples.journalLines(serialization)) {
            out.append(JSON.writeValueAsString(line)).append('\n');
        }
        Files.writeString(Path.of(System.getProperty("journal.write")), out.toString());
    }

    private static JsonNode readCbor(byte[] bytes) {
        try {
            return CBOR.readTree(bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] writeCbor(JsonNode node) {
        try {
            return CBOR.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The events of {@code file} as the current code reads them, per job. */
    private static Map<String, List<JobEvent>> read(String file) throws IOException {
        int cbor = serialization.serializerFor(JobEvent.Started.class).identifier();
        Map<String, List<JobEvent>> histories = new LinkedHashMap<>();
        for (JsonNode line : lines(file)) {
            byte[] bytes = CBOR.writeValueAsBytes(line.get("event"));
            Object event = serialization.deserialize(bytes, cbor, line.get("manifest").asText()).get();
            histories.computeIfAbsent(line.get("job").asText(), job -> new ArrayList<>()).add((JobEvent) event);
        }
        return histories;
    }

    private static List<JsonNode> lines(String file) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        try (InputStream in = JournalFixtureTest.class.getClassLoader().getResourceAsStream(file)) {
            assertThat(in).as(file).isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    lines.add(JSON.readTree(line));
                }
            }
        }
        return lines;
    }
}
