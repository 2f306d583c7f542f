package org.gantry.api.protocol.identity;

import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.pekko.actor.AbstractExtensionId;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.Extension;
import org.apache.pekko.actor.ExtensionIdProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificate identity each cluster peer proved on the cluster port, by the canonical
 * address ({@code host:port}) it was dialled at: filled by {@link IdentityRecordingSslEngineProvider}
 * after every TLS handshake this node makes, read by {@code MemberRoles}. One per actor system;
 * thread-safe (handshakes finish on stream threads, checks run in actors).
 *
 * <p>Keyed by the address dialled, because that is the only peer identity Artery gives the TLS
 * layer: an outbound connection is made to a member's canonical address, hostname verification
 * ties the certificate to that host, and nothing else can listen on that port. An inbound
 * connection's client port is ephemeral, so it names no member.
 */
public final class PeerCertificates implements Extension {
    private static final Logger LOG = LoggerFactory.getLogger(PeerCertificates.class);
    private static final Id ID = new Id();

    private final Map<String, Optional<CertifiedIdentity>> byAddress = new ConcurrentHashMap<>();
    private final Set<String> explained = ConcurrentHashMap.newKeySet();

    private PeerCertificates() {}

    public static PeerCertificates get(ActorSystem system) {
        return ID.get(system);
    }

    /** Whether this actor system speaks TLS on the cluster port: then only certified identities count. */
    public static boolean tlsOn(ActorSystem system) {
        var config = system.settings().config();
        return config.hasPath("pekko.remote.artery.transport")
                && "tls-tcp".equals(config.getString("pekko.remote.artery.transport"));
    }

    /** The peer at {@code host:port} presented {@code certificate} (already verified against the cluster CA). */
    void verified(String host, int port, X509Certificate certificate) {
        byAddress.put(key(host, port), CertifiedIdentity.of(certificate));
    }

    /** What the member at {@code address} proved, if this node has connected to it. */
    public Optional<CertifiedIdentity> of(Address address) {
        Optional<CertifiedIdentity> known = recorded(address);
        return known == null ? Optional.empty() : known;
    }

    /**
     * Whether the certificate of the member at {@code address} grants what {@code right} asks
     * ({@code what} names it for the log). A refusal is explained once per member and right, with
     * how to fix it; the caller logs each refused message as before.
     */
    public boolean grants(Address address, Predicate<CertifiedIdentity> right, String what) {
        Optional<CertifiedIdentity> known = recorded(address);
        if (known != null && known.isPresent() && right.test(known.get())) {
            return true;
        }
        if (explained.add(address + " " + what)) {
            LOG.warn("Cluster member {} may not act as {}: {}", address, what, known == null
                    ? "no certificate of it is known (this node has not completed a TLS handshake with it). "
                            + "If it is a Gantry node, check that it runs with --cluster-tls-dir and that its "
                            + "certificate names its --host"
                    : known.isEmpty()
                            ? "its certificate names no node (CN) or role (OU). Issue it one with gantry certs"
                            : "its certificate says " + known.get().describe() + ". Start it with the role and "
                                    + "--node-name its certificate names, or issue it one with gantry certs "
                                    + "--control NAME@HOST or --agent NAME@HOST");
        }
        return false;
    }

    /** What was recorded for {@code address}: null when nothing was, empty for a certificate naming no identity. */
    private Optional<CertifiedIdentity> recorded(Address address) {
        if (address.host().isEmpty() || address.port().isEmpty()) {
            return null;
        }
        return byAddress.get(key(address.host().get(), (Integer) address.port().get()));
    }

    private static String key(String host, int port) {
        return host + ":" + port;
    }

    private static final class Id extends AbstractExtensionId<PeerCertificates> implements ExtensionIdProvider {
        @Override
        public PeerCertificates createExtension(ExtendedActorSystem system) {
            return new PeerCertificates();
        }

        @Override
        public Id lookup() {
            return ID;
        }
    }
}
