package org.gantry.ops.node;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.gantry.ops.tls.ClusterTlsDir;

/**
 * Where a Gantry JVM sits in the cluster.
 *
 * @param host        the address other nodes reach this one at
 * @param clusterPort the Pekko remoting port; 0 picks a free one (fine for a node nobody seeds from)
 * @param seeds       {@code host:port} of nodes to join; empty means "start a new cluster with myself"
 * @param dataDir     RocksDB and tokens (control), logs and work directories (agents)
 * @param clusterTls  the key and trust stores of Artery over mutual TLS; null for plain TCP
 */
public record NodeOptions(Set<String> roles, String host, int clusterPort, List<String> seeds, Path dataDir,
                          ClusterTlsDir clusterTls) {
    public NodeOptions {
        roles = Set.copyOf(roles);
        seeds = List.copyOf(seeds);
        for (String seed : seeds) {
            int colon = seed.lastIndexOf(':');
            if (colon <= 0 || colon == seed.length() - 1 || !seed.substring(colon + 1).chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("seed '" + seed + "' is not host:port (for example 127.0.0.1:25520)");
            }
        }
    }

    /** A node on plain TCP (tests, benchmarks and tools on loopback). */
    public NodeOptions(Set<String> roles, String host, int clusterPort, List<String> seeds, Path dataDir) {
        this(roles, host, clusterPort, seeds, dataDir, null);
    }
}
