package org.gantry.ops.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.gantry.api.client.GantryClient;
import org.gantry.api.client.GantryClientException;
import org.gantry.ops.cli.CliRun;
import org.gantry.ops.cli.CliRun.Result;
import org.gantry.ops.node.ControlNode;
import org.gantry.ops.node.GantryNode;
import org.gantry.ops.node.NodeOptions;
import org.gantry.ops.node.TlsKeystore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS from a PKCS12 keystore made by the JDK's own keytool: the CLI reaches it trusting the
 * certificate it is given, and refuses, saying what to do, without; plain HTTP is not answered.
 */
class HttpsServingTest {
    private static final String PASSWORD = "keystore-secret";

    @TempDir
    Path dir;

    @Test
    void theApiIsServedOverHttpsToClientsThatTrustItsCertificate() throws Exception {
        Path keystore = dir.resolve("server.p12");
        Path cert = dir.resolve("server.pem");
        keytool("-genkeypair", "-alias", "gantry", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "gantry", "-keystore", keystore.toString(), "-storepass", PASSWORD,
                "-file", cert.toString());

        Path data = dir.resolve("data");
        ActorSystem<Void> system = GantryNode.start(new NodeOptions(Set.of("control"), "127.0.0.1", 0, List.of(), data));
        try {
            ControlNode control = ControlNode.start(system, data, "127.0.0.1", 0,
                    new TlsKeystore(keystore, PASSWORD.toCharArray()));
            assertThat(control.url()).startsWith("https://127.0.0.1:");
            assertThat(control.awaitReady(Duration.ofSeconds(30))).isTrue();

            Result trusted = CliRun.run("tenants", "--url", control.url(), "--token", control.adminToken(),
                    "--cacert", cert.toString());
            assertThat(trusted.exit()).as(trusted.err()).isZero();

            Result untrusted = CliRun.run("tenants", "--url", control.url(), "--token", control.adminToken());
            assertThat(untrusted.exit()).isEqualTo(1);
            assertThat(untrusted.err()).contains("not one this client trusts").contains("--cacert");

            String plain = control.url().replace("https://", "http://");
            assertThatThrownBy(() -> new GantryClient(plain, control.adminToken()).tenants())
                    .isInstanceOf(GantryClientException.class);
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void plainHttpBeyondLoopbackAndAWrongKeystoreAreRefusedBeforeAnythingStarts() throws Exception {
        Path data = dir.resolve("never");
        Result open = CliRun.run("up", "--host", "0.0.0.0", "--port", "0", "--data-dir", data.toString());
        assertThat(open.exit()).isEqualTo(1);
        assertThat(open.err()).contains("refusing to serve plain HTTP on 0.0.0.0").contains("--tls-keystore")
                .contains("--insecure-http");

        Files.writeString(dir.resolve("junk.p12"), "not a keystore");
        Result junk = CliRun.run("up", "--port", "0", "--data-dir", data.toString(), "--tls-keystore",
                dir.resolve("junk.p12").toString());
        assertThat(junk.exit()).isEqualTo(1);
        assertThat(junk.err()).contains("cannot be read as PKCS12").contains(TlsKeystore.PASSWORD_ENV);

        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            Result busy = CliRun.run("up", "--port", String.valueOf(taken.getLocalPort()), "--data-dir",
                    data.toString());
            assertThat(busy.exit()).isEqualTo(1);
            assertThat(busy.err()).contains("is in use").contains("--port").doesNotContain("Exception");
        }
        assertThat(data).doesNotExist(); // no half-made data dir with a token in it
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
