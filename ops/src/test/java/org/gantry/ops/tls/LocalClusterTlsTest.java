package org.gantry.ops.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gantry.api.protocol.MemberRoles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gantry up}'s own cluster TLS: made once at first start, kept after, and no CA key left behind. */
class LocalClusterTlsTest {
    @TempDir
    Path dir;

    @Test
    void makesItsStoresOnceAndKeepsThem() throws Exception {
        Path tlsDir = dir.resolve("data").resolve("cluster-tls");
        ClusterTlsDir first = LocalClusterTls.ensure(tlsDir, List.of("127.0.0.1", "localhost"));
        byte[] keystore = Files.readAllBytes(first.keystore());

        Map<String, Object> settings = first.pekkoSettings();
        assertThat(settings).containsEntry("pekko.remote.artery.transport", "tls-tcp")
                .containsEntry("pekko.remote.artery.ssl.config-ssl-engine.require-mutual-authentication", "on")
                .containsEntry("pekko.remote.artery.ssl.config-ssl-engine.hostname-verification", "on")
                .containsEntry("pekko.remote.artery.ssl.ssl-engine-provider",
                        "org.gantry.api.protocol.identity.IdentityRecordingSslEngineProvider");
        // Its one member is control plane and GPU nodes at once, and its certificate says both.
        first.requireIdentity(MemberRoles.CONTROL, null);
        first.requireIdentity(MemberRoles.GPU_NODE, null);
        try (var files = Files.list(tlsDir)) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder("keystore.p12", "truststore.p12", "password");
        }

        ClusterTlsDir again = LocalClusterTls.ensure(tlsDir, List.of("127.0.0.1", "localhost"));
        assertThat(Files.readAllBytes(again.keystore())).isEqualTo(keystore);
    }
}
