package org.gantry.ops.tls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.gantry.api.protocol.MemberRoles;

/**
 * The cluster TLS of {@code gantry up}: all its nodes live in one JVM, so it makes its own CA at
 * first start, signs the one certificate it needs and forgets the CA's key. Nothing else can
 * then join its cluster port, not even a job on the same machine.
 */
public final class LocalClusterTls {
    private static final Duration VALIDITY = Duration.ofDays(3650);

    private LocalClusterTls() {}

    /** {@code dir}, with a key and trust store for {@code hosts} made there unless it has them. */
    public static ClusterTlsDir ensure(Path dir, List<String> hosts) {
        ClusterTlsDir tls = new ClusterTlsDir(dir);
        if (Files.exists(tls.keystore())) {
            return tls;
        }
        ClusterCa ca = ClusterCa.create("Gantry up CA (" + dir.toAbsolutePath().normalize() + ")");
        // Its one member is both control plane and GPU nodes; the certificate says so, as every node's does.
        ca.issue("gantry-up", List.of(MemberRoles.CONTROL, MemberRoles.GPU_NODE), hosts, VALIDITY)
                .writeTo(tls, SecretFiles.newPassword(), true);
        return tls;
    }
}
