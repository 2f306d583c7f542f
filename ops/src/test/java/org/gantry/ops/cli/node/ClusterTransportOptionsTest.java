package org.gantry.ops.cli.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.gantry.ops.cli.CliRun;
import org.gantry.ops.cli.CliRun.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster port off loopback speaks TLS unless plain TCP is asked for; a broken TLS folder, or
 * a certificate for another role or node, is said at once.
 */
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

    @Test
    void aNodeStartedAsWhatItsCertificateDoesNotNameIsRefusedBeforeItStarts() {
        Path certs = dir.resolve("certs");
        assertThat(CliRun.run("certs", "--dir", certs.toString(), "--agent", "gpu-1@127.0.0.1").exit()).isZero();
        String gpu1 = certs.resolve("gpu-1").toString();

        Result otherName = CliRun.run("agent", "--seed", "127.0.0.1:25520", "--gpus", "1", "--node-name", "gpu-2",
                "--cluster-tls-dir", gpu1, "--data-dir", dir.resolve("agent").toString());
        assertThat(otherName.exit()).isEqualTo(1);
        assertThat(otherName.err()).contains("is for node 'gpu-1', not 'gpu-2'")
                .contains("gantry certs --agent gpu-2@HOST");
        assertThat(dir.resolve("agent")).doesNotExist();

        Result asControl = CliRun.run("control", "--insecure-http", "--port", "0", "--cluster-tls-dir", gpu1,
                "--data-dir", dir.resolve("control").toString());
        assertThat(asControl.exit()).isEqualTo(1);
        assertThat(asControl.err()).contains("CN=gpu-1, OU=gpu-node, not a 'control' node");
        assertThat(dir.resolve("control")).doesNotExist();
    }
}
