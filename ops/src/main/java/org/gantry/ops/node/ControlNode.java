package org.gantry.ops.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.tenant.PoolQuota;
import org.gantry.api.tenant.TenantId;
import org.gantry.api.tenant.TenantSpec;
import org.gantry.api.service.Caller;
import org.gantry.api.service.ServiceException;
import org.gantry.scheduler.control.ControlPlane;
import org.gantry.scheduler.control.secret.SecretKeys;
import org.gantry.scheduler.control.secret.SecretSeal;
import org.gantry.scheduler.control.service.AdminToken;
import org.gantry.ops.metrics.GantryMetrics;
import org.gantry.storage.RocksStorage;
import org.gantry.storage.rocks.RocksStore;
import org.gantry.storage.rocks.StoreSettings;

/**
 * The control plane in a started node: services, REST with {@code /metrics}, the admin token, and
 * the process's metrics (agents started in the same process add theirs to it).
 */
public record ControlNode(ControlPlane plane, ServerBinding http, boolean https, String adminToken,
                          Path adminTokenFile, GantryMetrics metrics) {

    public static ControlNode start(ActorSystem<?> system, Path dataDir, String httpHost, int httpPort) {
        return start(system, dataDir, httpHost, httpPort, new GantryMetrics());
    }

    public static ControlNode start(ActorSystem<?> system, Path dataDir, String httpHost, int httpPort,
                                    GantryMetrics metrics) {
        return start(system, dataDir, httpHost, httpPort, (TlsKeystore) null, metrics);
    }

    /** Serving HTTPS from {@code tls} when given, else plain HTTP. */
    public static ControlNode start(ActorSystem<?> system, Path dataDir, String httpHost, int httpPort,
                                    TlsKeystore tls) {
        return start(system, dataDir, httpHost, httpPort, tls, new GantryMetrics());
    }

    public static ControlNode start(ActorSystem<?> system, Path dataDir, String httpHost, int httpPort,
                                    TlsKeystore tls, GantryMetrics metrics) {
        // Open the job records now: a data directory another control node holds refuses here,
        // with a message naming the directory and that process, instead of at the first submit.
        RocksStore journal = RocksStorage.get(Adapter.toClassic(system))
                .store(StoreSettings.fromConfig(system.settings().config().getConfig("gantry.rocksdb.journal")));
        SingleControlGuard.watch(system);
        makePrivate(dataDir);
        String token = AdminToken.resolve(System.getenv(AdminToken.ENV), dataDir);
        SecretSeal seal = SecretKeys.resolve(System.getenv(SecretKeys.ENV), dataDir);
        metrics.journal(journal);
        ControlPlane plane = ControlPlane.start(system, token, metrics.scheduler(), seal);
        metrics.cluster(plane.figures());
        ServerBinding http = HttpServer.start(system, plane.services(), metrics, httpHost, httpPort, tls);
        return new ControlNode(plane, http, tls != null, token, AdminToken.file(dataDir), metrics);
    }

    /**
     * The journal (every tenant's secrets), the admin token and the nodes of {@code gantry up}
     * live here: owner only, whatever the umask, so no job (nor other local user) reads them.
     */
    private static void makePrivate(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            Files.setPosixFilePermissions(dataDir,
                    PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the data directory " + dataDir + " private (0700): "
                    + e.getMessage() + "; check that this user owns it", e);
        }
    }

    public String url() {
        var address = http.localAddress();
        return (https ? "https://" : "http://") + address.getHostString() + ":" + address.getPort();
    }

    /** Waits until the scheduler has rebuilt its view and answers, or the timeout passes. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (plane.services().cluster().ready().toCompletableFuture().join()) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    /**
     * Creates tenant {@code name} with these GPUs guaranteed in the default pool (and no upper
     * limit) unless it exists: the tenant a fresh {@code gantry up} submits as.
     */
    public void ensureTenant(String name, int guaranteedGpus) {
        TenantSpec spec = new TenantSpec(TenantId.of(name),
                Map.of(PoolId.DEFAULT, new PoolQuota(guaranteedGpus, PoolQuota.UNLIMITED)));
        try {
            plane.services().tenants().create(new Caller.Admin(), spec).toCompletableFuture().join();
        } catch (CompletionException e) {
            if (!(e.getCause() instanceof ServiceException.Conflict)) {
                throw e;
            }
        }
    }
}
