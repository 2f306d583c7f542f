package org.gantry.ops.cli.node;

import java.nio.file.Path;
import org.gantry.ops.tls.ClusterTlsDir;
import picocli.CommandLine.Option;

/** How a {@code control} or {@code agent} JVM talks to the rest of the cluster: mutual TLS, or plain TCP when asked. */
final class ClusterOptions {
    @Option(names = "--cluster-tls-dir", paramLabel = "DIR",
            description = "Speak mutual TLS on the cluster port with the keystore.p12 and truststore.p12 in DIR, "
                    + "as 'gantry certs' writes them; their password comes from $" + ClusterTlsDir.PASSWORD_ENV
                    + ", else DIR/password. Only nodes with a certificate from the same cluster CA can join.")
    Path clusterTlsDir;

    @Option(names = "--insecure-cluster",
            description = "Allow plain TCP on a cluster port that is not on loopback: anything that reaches it could "
                    + "join the cluster, run commands on every GPU node and read job secrets.")
    boolean insecureCluster;

    /**
     * The TLS folder, or null for plain TCP, which only loopback gets without asking. Checked
     * before anything starts, so a refusal leaves nothing behind: the stores open, and the
     * certificate names this node's {@code role} and, for an agent, its {@code node} name.
     */
    ClusterTlsDir tls(String host, String role, String node) {
        if (clusterTlsDir != null) {
            ClusterTlsDir tls = new ClusterTlsDir(clusterTlsDir);
            tls.pekkoSettings(); // a missing file or a wrong password is said now
            tls.requireIdentity(role, node);
            return tls;
        }
        if (!insecureCluster && !ServeOptions.isLoopback(host)) {
            throw new IllegalStateException("refusing a plain-TCP cluster port on " + host + ": anything that reaches "
                    + "it could join the cluster and start jobs on every GPU node. Make certificates with "
                    + "'gantry certs' and pass --cluster-tls-dir DIR, or pass --insecure-cluster on a network "
                    + "nothing else can reach");
        }
        return null;
    }
}
