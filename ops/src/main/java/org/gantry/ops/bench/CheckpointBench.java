package org.gantry.ops.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.gantry.agent.objects.ObjectTransfer;
import org.gantry.api.job.JobId;
import org.gantry.api.protocol.objects.ObjectName;
import org.gantry.ops.node.ControlNode;
import org.gantry.ops.node.GantryNode;
import org.gantry.ops.node.NodeOptions;
import org.gantry.ops.node.NodeRoles;

/**
 * Ships a checkpoint directory from one agent node to the control plane's object store and
 * restores it on another: three cluster nodes (actor systems on their own loopback Artery
 * ports, in this JVM), the production {@link ObjectTransfer} and object store. The directory
 * is written first, untimed; shipping is timed from pack to durable commit, restoring from the
 * request to the last file unpacked (and checked).
 */
public final class CheckpointBench {
    /** Cluster nodes in one JVM need distinct MBean names. */
    static {
        System.setProperty("pekko.cluster.jmx.multi-mbeans-in-same-jvm", "on");
    }

    private CheckpointBench() {}

    public record Report(long bytes, int files, double shipSeconds, double shipMiBPerSecond, double restoreSeconds,
                         double restoreMiBPerSecond, long storedBytes, boolean sameFiles) {}

    public static Report run(Path workDir, long bytes, int files) throws Exception {
        Path root = Files.createTempDirectory(workDir, "gantry-bench-checkpoint-");
        List<ActorSystem<Void>> systems = new ArrayList<>();
        try {
            ActorSystem<Void> control = GantryNode.start(new NodeOptions(Set.of(NodeRoles.CONTROL), "127.0.0.1", 0,
                    List.of(), root.resolve("control")));
            systems.add(control);
            ControlNode.start(control, root.resolve("control"), "127.0.0.1", 0);
            String seed = GantryNode.seedAddress(control);
            ActorSystem<Void> shipper = agentNode(root.resolve("node-a"), seed);
            systems.add(shipper);
            ActorSystem<Void> restorer = agentNode(root.resolve("node-b"), seed);
            systems.add(restorer);
            awaitUp(List.of(control, shipper, restorer));

            Path source = root.resolve("node-a/checkpoint");
            write(source, bytes, files);
            JobId job = JobId.of("bench-checkpoint");
            ObjectTransfer a = new ObjectTransfer(shipper, root.resolve("node-a/outbox"), Duration.ofSeconds(30),
                    Duration.ofMinutes(30));
            ObjectTransfer b = new ObjectTransfer(restorer, root.resolve("node-b/outbox"), Duration.ofSeconds(30),
                    Duration.ofMinutes(30));

            long t0 = System.nanoTime();
            var shipped = a.ship(source, new ObjectName.Checkpoint(job), 1).toCompletableFuture().join()
                    .orElseThrow(() -> new IllegalStateException("nothing was shipped"));
            double ship = (System.nanoTime() - t0) / 1e9;

            Path target = root.resolve("node-b/checkpoint");
            long t1 = System.nanoTime();
            var fetched = b.fetch(new ObjectName.Checkpoint(job), target).toCompletableFuture().join()
                    .orElseThrow(() -> new IllegalStateException("nothing to restore"));
            double restore = (System.nanoTime() - t1) / 1e9;

            double mib = bytes / (1024.0 * 1024.0);
            return new Report(bytes, fetched.files(), ship, mib / ship, restore, mib / restore,
                    shipped.stored().size(), sameFiles(source, target));
        } finally {
            systems.forEach(ActorSystem::terminate);
            for (ActorSystem<Void> system : systems) {
                system.getWhenTerminated().toCompletableFuture().join();
            }
            deleteRecursively(root);
        }
    }

    private static ActorSystem<Void> agentNode(Path dataDir, String seed) {
        return GantryNode.start(new NodeOptions(Set.of(NodeRoles.GPU_NODE), "127.0.0.1", 0, List.of(seed), dataDir));
    }

    private static void awaitUp(List<ActorSystem<Void>> systems) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!systems.stream().allMatch(s -> Cluster.get(s).selfMember().status() == MemberStatus.up())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the three bench nodes did not form a cluster within 60 s");
            }
            Thread.sleep(100);
        }
    }

    /** {@code files} files of pseudo-random bytes adding up to {@code bytes}, as a trainer's shards would be. */
    private static void write(Path dir, long bytes, int files) throws IOException {
        Files.createDirectories(dir);
        SplittableRandom random = new SplittableRandom(42);
        byte[] block = new byte[1 << 20];
        for (int f = 0; f < files; f++) {
            long size = bytes / files + (f < bytes % files ? 1 : 0);
            try (OutputStream out = Files.newOutputStream(dir.resolve("shard-" + f + ".bin"))) {
                for (long left = size; left > 0; left -= block.length) {
                    for (int i = 0; i < block.length; i += 8) {
                        long value = random.nextLong();
                        for (int k = 0; k < 8; k++) {
                            block[i + k] = (byte) (value >>> (8 * k));
                        }
                    }
                    out.write(block, 0, (int) Math.min(block.length, left));
                }
            }
        }
    }

    private static boolean sameFiles(Path a, Path b) throws IOException {
        try (Stream<Path> files = Files.list(a)) {
            for (Path file : files.toList()) {
                if (Files.mismatch(file, b.resolve(file.getFileName())) != -1) {
                    return false;
                }
            }
        }
        try (Stream<Path> count = Files.list(b)) {
            try (Stream<Path> expected = Files.list(a)) {
                return count.count() == expected.count();
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
