package org.gantry.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.gantry.ops.tls.CertificateAuthorityDir;
import org.gantry.ops.tls.ClusterCa;
import org.gantry.ops.tls.NodeRequest;
import org.gantry.tests.support.Api;
import org.gantry.tests.support.Eventually;
import org.gantry.tests.support.GantryJvm;
import org.gantry.tests.support.JvmCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster port with mutual TLS, over real JVMs on loopback: a {@code gantry control} and a
 * {@code gantry agent} with certificates from one CA run jobs; an agent with a certificate from
 * another CA, and one speaking plain TCP (real Artery frames), try to join and never become
 * nodes, so nothing is ever started on them; raw bytes sent to the port are dropped.
 */
class ClusterTlsEndToEndTest {
    private static final String ADMIN = "tls-e2e-admin-token";
    private static final Duration TRYING = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private JvmCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void onlyNodesWithTheClustersCertificatesJoinAndRunJobs() throws Exception {
        CertificateAuthorityDir ours = new CertificateAuthorityDir(dir.resolve("certs"));
        ClusterCa ca = ours.openOrCreate();
        Path control = ours.issue(ca, NodeRequest.parse("ctl@127.0.0.1", "control"), Duration.ofDays(1)).dir();
        Path member = ours.issue(ca, NodeRequest.parse("gpu-1@127.0.0.1", "agent"), Duration.ofDays(1)).dir();
        CertificateAuthorityDir theirs = new CertificateAuthorityDir(dir.resolve("foreign-certs"));
        Path foreign = theirs.issue(theirs.openOrCreate(), NodeRequest.parse("gpu-9@127.0.0.1", "agent"),
                Duration.ofDays(1)).dir();

        cluster = new JvmCluster(dir, ADMIN);
        Api admin = cluster.startControl(List.of("--cluster-tls-dir", control.toString()));
        cluster.startAgent("gpu-1", "--gpus", "1", "--cluster-tls-dir", member.toString());
        cluster.awaitNodes(admin, 1);

        GantryJvm stranger = cluster.startAgent("gpu-9", "--gpus", "2", "--cluster-tls-dir", foreign.toString());
        GantryJvm plain = cluster.startAgent("gpu-8", "--gpus", "2");
        assertRawBytesAreDropped(cluster.clusterPort());
        Eventually.await("the foreign-CA agent to be refused at the TLS handshake", TRYING,
                () -> stranger.output().contains("SSLHandshakeException"), cluster::logs);
        Eventually.await("both intruders to have tried to join twice", TRYING,
                () -> stranger.output().contains("Couldn't join seed nodes after [2] attempts")
                        && plain.output().contains("Couldn't join seed nodes after [2] attempts"), cluster::logs);
        assertThat(nodeNames(admin)).as(cluster.logs()).containsExactly("gpu-1");

        Api tenant = cluster.tenant(admin, "tls", 1, 1);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Api.Answer submitted = tenant.post("/api/v1/jobs", "{\"name\":\"tls-" + i + "\",\"gpus\":1,"
                    + "\"workload\":{\"kind\":\"process\",\"command\":[\"sh\",\"-c\",\"echo over tls\"]}}");
            assertThat(submitted.status()).as(submitted.raw()).isEqualTo(201);
            ids.add(submitted.body().get("id").asText());
        }
        for (String id : ids) {
            Eventually.await("job " + id + " to succeed", TRYING,
                    () -> "SUCCEEDED".equals(tenant.get("/api/v1/jobs/" + id).body().path("state").asText()),
                    cluster::logs);
            JsonNode attempts = tenant.get("/api/v1/jobs/" + id).body().get("attempts");
            assertThat(attempts).as(attempts.toString()).hasSize(1);
            assertThat(attempts.get(0).get("allocation").fieldNames()).toIterable().containsExactly("gpu-1");
            assertThat(tenant.get("/api/v1/jobs/" + id + "/logs").raw()).contains("over tls");
        }
        assertThat(nodeNames(admin)).containsExactly("gpu-1");
        assertThat(workDirsUnder(dir.resolve("gpu-9"))).isEmpty();
        assertThat(workDirsUnder(dir.resolve("gpu-8"))).isEmpty();
        assertThat(stranger.isAlive()).isTrue(); // refused, not crashed: it was there to be refused all along
    }

    private static List<String> nodeNames(Api admin) {
        List<String> names = new ArrayList<>();
        admin.get("/api/v1/nodes").body().get("nodes").forEach(node -> names.add(node.get("id").asText()));
        return names;
    }

    /** What an agent started would have left: any file in its data directory that names a job. */
    private static List<Path> workDirsUnder(Path agentData) throws IOException {
        if (!Files.exists(agentData)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(agentData)) {
            return all.filter(path -> path.getFileName().toString().startsWith("j-")).toList();
        }
    }

    /**
     * A client that skips TLS and writes what a plain-TCP Artery connection starts with, then
     * garbage: the TLS port must close the connection rather than read on.
     */
    private static void assertRawBytesAreDropped(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write("AKKA".getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[] {1, 0, 0, 0, 42});
            out.write("pekko://gantry@127.0.0.1:1 join".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            int answer;
            try {
                while ((answer = in.read()) != -1 && answer != 21) { // 21: a TLS alert record, then the close
                    // the server may answer with an alert before it closes
                }
            } catch (SocketException reset) {
                return; // closed with a reset: dropped as well
            }
        }
    }
}
