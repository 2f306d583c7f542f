package org.gantry.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

class TestPeersTest {
    @Test
    void aMissingPeerSkipsWithHowToGetIt(@TempDir Path dir) {
        assertThatThrownBy(() -> TestPeers.require("promtool", "prometheus", Map.of("PATH", dir.toString())))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("promtool is not on the PATH")
                .hasMessageContaining("apt-get install -y --no-install-recommends prometheus");
    }

    @Test
    void aMissingPeerFailsWhenPeersAreRequired(@TempDir Path dir) {
        assertThatThrownBy(() -> TestPeers.require("promtool", "prometheus",
                Map.of("PATH", dir.toString(), TestPeers.REQUIRE, "1")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("GANTRY_REQUIRE_TEST_PEERS=1");
    }

    @Test
    void anExecutableOnThePathIsFound(@TempDir Path dir) throws Exception {
        Path promtool = dir.resolve("bin").resolve("promtool");
        Files.createDirectories(promtool.getParent());
        Files.writeString(promtool, "#!/bin/sh\n");
        Files.setPosixFilePermissions(promtool, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(TestPeers.require("promtool", "prometheus",
                Map.of("PATH", dir + ":" + promtool.getParent(), TestPeers.REQUIRE, "1"))).isEqualTo(promtool);
    }
}
