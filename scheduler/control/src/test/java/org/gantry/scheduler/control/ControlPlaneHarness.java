package org.gantry.scheduler.control;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.gantry.api.service.ApiServices;
import org.gantry.scheduler.control.secret.SecretKeys;

/** A one-node control plane on a real RocksDB journal in a temporary directory, for tests. */
public final class ControlPlaneHarness implements AutoCloseable {
    static final String ADMIN_TOKEN = "test-admin-token";

    final ActorSystem<Void> system;
    final ControlPlane plane;

    private ControlPlaneHarness(ActorSystem<Void> system, ControlPlane plane) {
        this.system = system;
        this.plane = plane;
    }

    static ControlPlaneHarness start(Path dataDir) {
        return start(dataDir, "");
    }

    /** With {@code overrides} (HOCON) over the test configuration. */
    static ControlPlaneHarness start(Path dataDir, String overrides) {
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "gantry",
                ConfigFactory.parseString(overrides).withFallback(config(dataDir)));
        Cluster cluster = Cluster.get(system);
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
        return new ControlPlaneHarness(system, ControlPlane.start(system, ADMIN_TOKEN,
                SecretKeys.resolve(null, dataDir)));
    }

    public static Config config(Path dataDir) {
        String dir = dataDir.resolve("rocksdb").toString().replace("\\", "/");
        return ConfigFactory.load(ConfigFactory.parseString(String.join("\n",
                "pekko.actor.provider = cluster",
                "pekko.remote.artery.canonical.hostname = 127.0.0.1",
                "pekko.remote.artery.canonical.port = 0",
                "pekko.cluster.roles = [control, gpu-node]", // agents in this JVM report as GPU-node members
                "pekko.loglevel = WARNING",
                "pekko.cluster.jmx.multi-mbeans-in-same-jvm = on",
                "pekko.persistence.journal.plugin = \"gantry.rocksdb.journal\"",
                "pekko.persistence.snapshot-store.plugin = \"gantry.rocksdb.snapshot\"",
                "gantry.storage.dir = \"" + dir + "\"",
                "gantry.storage.sync = off",
                "gantry.scheduler.tick = 200ms",
                "gantry.scheduler.agent-timeout = 3s",
                "gantry.scheduler.fencing.lease = 2s",
                "gantry.scheduler.fencing.grace = 1s",
                "gantry.scheduler.fencing.margin = 500ms",
                "gantry.scheduler.start-grace = 2s",
                "gantry.scheduler.kill-grace = 1s",
                "gantry.scheduler.min-run = 0s")));
    }

    ApiServices services() {
        return plane.services();
    }

    void awaitReady() {
        await("the control plane to get ready", () -> services().cluster().ready(), ready -> ready,
                Duration.ofSeconds(30));
    }

    /** Polls {@code probe} until {@code done} holds, failing with {@code what} after {@code timeout}. */
    static <T> T await(String what, Supplier<CompletionStage<T>> probe, Predicate<T> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = probe.get().toCompletableFuture().join();
                if (done.test(last)) {
                    return last;
                }
            } catch (RuntimeException notYet) {
                // not answerable yet: keep polling
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("timed out waiting for " + what + "; last seen: " + last);
    }

    @Override
    public void close() {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().join();
    }
}
