package org.gantry.ops.cli.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.gantry.ops.cli.CliRun;
import org.gantry.ops.cli.CliRun.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cluster port off loopback speaks TLS unless plain TCP is asked for; a broken TLS folder is said at once. */
class ClusterTransportOptionsTest {
    @TempDir
    Path dir;

    @Test
    void anAgentOffLoopbackWithoutTlsIsRefusedBeforeItStarts() {
        Result r = CliRun.run("agent", "--seed", "192.0.2.1:25520", "--host", "192.0.2.7", "--gpus", "1",
                "--data-dir", dir.resolve("agent").toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("refusing a plain-TCP cluster port on 192.0.2.7")
                .contains("--cluster-tls-dir").contains("--insecure-cluster");
        assertThat(dir.resolve("agent")).doesNotExist();
    }

    @Test
    void aControlNodeOffLoopbackWithoutTlsIsRefusedBeforeItStarts() {
        Result r = CliRun.run("control", "--host", "192.0.2.5", "--insecure-http", "--port", "0",
                "--data-dir", dir.resolve("control").toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("refusing a plain-TCP cluster port on 192.0.2.5");
        assertThat(dir.resolve("control")).doesNotExist();
    }

    @Test
    void aMissingTlsFolderIsSaidBeforeAnythingStarts() {
        Result r = CliRun.run("agent", "--seed", "127.0.0.1:25520", "--gpus", "1",
                "--cluster-tls-dir", dir.resolve("nowhere").toString(), "--data-dir", dir.resolve("agent").toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("nowhere").contains("GANTRY_CLUSTER_TLS_PASSWORD");
        assertThat(dir.resolve("agent")).doesNotExist();
    }
}
