package org.gantry.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import org.gantry.agent.objects.ObjectTransfer;
import org.gantry.api.job.JobId;
import org.gantry.api.protocol.objects.ObjectCommand;
import org.gantry.api.protocol.objects.ObjectName;
import org.gantry.api.protocol.objects.ObjectStoreKey;
import org.gantry.api.protocol.objects.UploadReply;
import org.gantry.ops.node.ControlNode;
import org.gantry.ops.node.GantryNode;
import org.gantry.ops.node.NodeOptions;
import org.gantry.ops.node.NodeRoles;
import org.gantry.tests.support.Eventually;
import org.gantry.tests.support.Ports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The object transfer between agent nodes and the control plane's store, over real remoting:
 * a control node and two GPU nodes as actor systems on their own loopback ports. What one node
 * ships, another restores byte for byte; a stream whose digest is not what its sender announced
 * is refused and the previous checkpoint stays.
 */
class CheckpointTransferTest {
    @TempDir
    Path dir;

    private final List<ActorSystem<Void>> systems = new ArrayList<>();
    private ObjectTransfer nodeA;
    private ObjectTransfer nodeB;
    private ActorSystem<Void> agentA;

    @BeforeAll
    static void allowSeveralClustersInOneJvm() {
        System.setProperty("pekko.cluster.jmx.multi-mbeans-in-same-jvm", "on");
    }

    @BeforeEach
    void cluster() {
        int clusterPort = Ports.free();
        ActorSystem<Void> control = start(Set.of(NodeRoles.CONTROL), clusterPort, List.of(), "control");
        ControlNode.start(control, dir.resolve("control"), "127.0.0.1", 0);
        agentA = start(Set.of(NodeRoles.GPU_NODE), 0, List.of("127.0.0.1:" + clusterPort), "node-a");
        ActorSystem<Void> agentB = start(Set.of(NodeRoles.GPU_NODE), 0, List.of("127.0.0.1:" + clusterPort), "node-b");
        nodeA = new ObjectTransfer(agentA, dir.resolve("node-a/outbox"), Duration.ofSeconds(30), Duration.ofMinutes(2));
        nodeB = new ObjectTransfer(agentB, dir.resolve("node-b/outbox"), Duration.ofSeconds(30), Duration.ofMinutes(2));
    }

    @AfterEach
    void stopAll() {
        systems.forEach(ActorSystem::terminate);
        systems.forEach(system -> system.getWhenTerminated().toCompletableFuture().join());
    }

    @Test
    void aCheckpointShippedFromOneNodeIsRestoredOnAnotherByteForByte() throws Exception {
        Path source = dir.resolve("node-a/checkpoints/job-1");
        Files.createDirectories(source.resolve("optimizer"));
        byte[] weights = new byte[5 * 1024 * 1024 + 123]; // many stream elements
        new java.util.Random(7).nextBytes(weights);
        Files.write(source.resolve("weights.bin"), weights);
        Files.writeString(source.resolve("optimizer/state.json"), "{\"step\": 1200}");
        Files.writeString(source.resolve("next.bin.tmp"), "half written");
        JobId job = JobId.of("job-1");

        var shipped = nodeA.ship(source, new ObjectName.Checkpoint(job), 3).toCompletableFuture().join();
        assertThat(shipped).isPresent();
        assertThat(shipped.get().files()).isEqualTo(2);
        assertThat(shipped.get().stored().sha256()).hasSize(64);

        Path target = dir.resolve("node-b/checkpoints/job-1");
        Files.createDirectories(target);
        Files.writeString(target.resolve("stale"), "from an older attempt on this node");
        var fetched = nodeB.fetch(new ObjectName.Checkpoint(job), target).toCompletableFuture().join();

        assertThat(fetched).isPresent();
        assertThat(fetched.get().step()).isEqualTo(shipped.get().stored().step());
        assertThat(fetched.get().files()).isEqualTo(2);
        assertThat(Files.readAllBytes(target.resolve("weights.bin"))).isEqualTo(weights);
        assertThat(Files.readString(target.resolve("optimizer/state.json"))).isEqualTo("{\"step\": 1200}");
        assertThat(target.resolve("stale")).doesNotExist();
        assertThat(target.resolve("next.bin.tmp")).doesNotExist();
        assertThat(dir.resolve("node-a/outbox")).isEmptyDirectory();
        assertThat(dir.resolve("node-b/checkpoints/job-1.restoring")).doesNotExist();
    }

    @Test
    void nothingStoredRestoresNothingAndAnEmptyDirectoryShipsNothing() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("node-a/checkpoints/job-2"));
        assertThat(nodeA.ship(empty, new ObjectName.Checkpoint(JobId.of("job-2")), 1).toCompletableFuture().join())
                .isEmpty();
        Path target = dir.resolve("node-b/checkpoints/job-2");
        assertThat(nodeB.fetch(new ObjectName.Checkpoint(JobId.of("job-2")), target).toCompletableFuture().join())
                .isEmpty();
        assertThat(target).doesNotExist();
    }

    @Test
    void anUploadWhoseBytesDoNotMatchTheAnnouncedDigestIsRefusedAndThePreviousCheckpointStays() throws Exception {
        JobId job = JobId.of("job-3");
        Path source = Files.createDirectories(dir.resolve("node-a/checkpoints/job-3"));
        Files.writeString(source.resolve("count"), "41");
        nodeA.ship(source, new ObjectName.Checkpoint(job), 1).toCompletableFuture().join();

        // A sender whose bytes changed on the way: announced digest of other bytes than it sends.
        ActorRef<ObjectCommand> store = store(agentA);
        byte[] bytes = "not what was hashed".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        UploadReply ready = AskPattern.<ObjectCommand, UploadReply>ask(store, replyTo -> new ObjectCommand.Upload(
                new ObjectName.Checkpoint(job), 2, bytes.length, "00".repeat(32), replyTo), Duration.ofSeconds(10),
                agentA.scheduler()).toCompletableFuture().join();
        Source.single(ByteString.fromArray(bytes)).runWith(((UploadReply.Ready) ready).sink().getSink(),
                Materializer.createMaterializer(agentA));
        UploadReply outcome = AskPattern.<ObjectCommand, UploadReply>ask(store, replyTo -> new ObjectCommand.Outcome(
                ((UploadReply.Ready) ready).uploadId(), replyTo), Duration.ofSeconds(30), agentA.scheduler())
                .toCompletableFuture().join();

        assertThat(outcome).isInstanceOf(UploadReply.Failed.class);
        assertThat(((UploadReply.Failed) outcome).reason()).contains("SHA-256");
        Path target = dir.resolve("node-b/checkpoints/job-3");
        nodeB.fetch(new ObjectName.Checkpoint(job), target).toCompletableFuture().join();
        assertThat(Files.readString(target.resolve("count"))).isEqualTo("41");
    }

    private static ActorRef<ObjectCommand> store(ActorSystem<?> system) {
        List<ActorRef<ObjectCommand>> found = new ArrayList<>();
        Eventually.await("the object store to be registered", Duration.ofSeconds(30), () -> {
            Receptionist.Listing listing = AskPattern.<Receptionist.Command, Receptionist.Listing>ask(
                    system.receptionist(), replyTo -> Receptionist.find(ObjectStoreKey.STORE, replyTo),
                    Duration.ofSeconds(5), system.scheduler()).toCompletableFuture().join();
            found.clear();
            found.addAll(listing.getServiceInstances(ObjectStoreKey.STORE));
            return !found.isEmpty();
        }, () -> "no store");
        return found.get(0);
    }

    private ActorSystem<Void> start(Set<String> roles, int port, List<String> seeds, String name) {
        ActorSystem<Void> system = GantryNode.start(new NodeOptions(roles, "127.0.0.1", port, seeds, dir.resolve(name)));
        systems.add(system);
        return system;
    }
}
