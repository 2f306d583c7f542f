package org.gantry.ops.cli.node;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.gantry.ops.node.NodeRoles;
import org.gantry.ops.tls.CertificateAuthorityDir;
import org.gantry.ops.tls.ClusterCa;
import org.gantry.ops.tls.ClusterTlsDir;
import org.gantry.ops.tls.NodeRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gantry certs}: a cluster CA and the node certificates that let nodes into the cluster. */
@Command(header = "Make a cluster CA and sign the certificates nodes join the cluster with.",
        name = "certs",
        description = {
            "Makes the cluster's certificate authority in --dir (ca.p12; made on the first run, reused after) and "
                    + "signs a certificate for each --control and --agent node. Each node gets a folder "
                    + "DIR/NAME with keystore.p12, truststore.p12 and, unless $" + ClusterTlsDir.PASSWORD_ENV
                    + " gives their password, a password file; every file is readable by its owner only.",
            "",
            "Copy a node's folder to it and start it with --cluster-tls-dir FOLDER: nodes then speak mutual "
                    + "TLS on the cluster port, and only nodes with a certificate from this CA can join. A "
                    + "certificate names the hosts peers reach its node at (its --host), and peers check that.",
            "",
            "A certificate also binds what its node may be: its role (OU: control for --control, gpu-node for "
                    + "--agent) and its name (CN: NAME). Agents take commands only from a member whose "
                    + "certificate says control, and the control plane takes an agent's reports, starts and "
                    + "exits only for the node its certificate names, so start each agent with --node-name "
                    + "NAME. A node whose certificate does not fit how it is started refuses to start and says "
                    + "why.",
            "",
            "Keep ca.p12 and ca.password off the nodes.",
            "",
            "Examples:",
            "  gantry certs --dir ./certs --control ctl@10.0.0.5 --agent gpu-1@10.0.0.7",
            "  gantry certs --dir ./certs --agent gpu-2@10.0.0.8     (later: same CA)"
        },
        mixinStandardHelpOptions = true)
public final class CertsCommand implements Callable<Integer> {
    private static final int CLUSTER_PORT = 25520;
    /** Where the printed commands put a node's folder on the node. */
    private static final String NODE_DIR = "/etc/gantry/cluster-tls";

    @Spec
    private CommandSpec spec;

    @Option(names = "--dir", defaultValue = "./gantry-certs", paramLabel = "DIR",
            description = "Where the CA and the nodes' folders are (default: ${DEFAULT-VALUE}).")
    private Path dir;

    @Option(names = "--control", paramLabel = "NAME@HOST",
            description = "A control node to sign a certificate for; HOST is its --host (several: HOST,HOST). "
                    + "Repeat for several nodes.")
    private List<String> controls = List.of();

    @Option(names = "--agent", paramLabel = "NAME@HOST",
            description = "A GPU node to sign a certificate for; NAME is its --node-name, HOST its --host. "
                    + "Repeat for several nodes.")
    private List<String> agents = List.of();

    @Option(names = "--days", defaultValue = "825", paramLabel = "N",
            description = "How long node certificates stay valid (default: ${DEFAULT-VALUE}).")
    private int days;

    @Override
    public Integer call() {
        if (days < 1) {
            throw new IllegalArgumentException("--days must be at least 1, got " + days);
        }
        List<NodeRequest> nodes = new ArrayList<>();
        controls.forEach(text -> nodes.add(NodeRequest.parse(text, NodeRoles.CONTROL)));
        agents.forEach(text -> nodes.add(NodeRequest.parse(text, NodeRoles.GPU_NODE)));
        CertificateAuthorityDir authority = new CertificateAuthorityDir(dir);
        boolean made = !authority.hasCa();
        if (!made && nodes.isEmpty()) {
            throw new IllegalArgumentException(authority.caFile() + " exists already: name nodes to sign "
                    + "certificates for with --control NAME@HOST or --agent NAME@HOST");
        }
        ClusterCa ca = authority.openOrCreate();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Cluster CA: %s (%s; keep it and %s off the nodes)%n", authority.caFile(),
                made ? "made now" : "reused", authority.caPasswordFile().getFileName());
        for (NodeRequest node : nodes) {
            ClusterTlsDir folder = authority.issue(ca, node, Duration.ofDays(days));
            out.printf("  %s: %s certificate for %s, valid %d days, in %s%n", node.name(), node.role(),
                    String.join(", ", node.hosts()), days, folder.dir());
        }
        printNextSteps(out, nodes, authority);
        out.flush();
        return 0;
    }

    /** The exact commands that bring each node its folder and start it with it. */
    private static void printNextSteps(PrintWriter out, List<NodeRequest> nodes, CertificateAuthorityDir authority) {
        if (nodes.isEmpty()) {
            out.println("Next: sign node certificates with --control NAME@HOST and --agent NAME@HOST.");
            return;
        }
        String seed = nodes.stream().filter(node -> node.role().equals(NodeRoles.CONTROL)).findFirst()
                .map(node -> node.hosts().get(0) + ":" + CLUSTER_PORT).orElse("CONTROL-HOST:" + CLUSTER_PORT);
        out.println();
        out.println("Next, copy each node's folder to it (" + NODE_DIR + " must not exist yet), and start it there:");
        for (NodeRequest node : nodes) {
            String host = node.hosts().get(0);
            out.printf("  scp -rp %s %s:%s%n", authority.node(node.name()).dir(), host, NODE_DIR);
            if (node.role().equals(NodeRoles.CONTROL)) {
                out.printf("  %s$ gantry control --host %s --cluster-port %d --cluster-tls-dir %s "
                        + "--tls-keystore api.p12%n", host, host, CLUSTER_PORT, NODE_DIR);
            } else {
                out.printf("  %s$ gantry agent --seed %s --host %s --node-name %s --cluster-tls-dir %s%n",
                        host, seed, host, node.name(), NODE_DIR);
            }
        }
        out.println("(--tls-keystore serves the REST API over HTTPS: see 'gantry control --help'.)");
    }
}
