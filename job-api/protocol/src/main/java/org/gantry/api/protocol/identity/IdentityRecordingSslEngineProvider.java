package org.gantry.api.protocol.identity;

import java.security.cert.X509Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.remote.artery.tcp.ConfigSSLEngineProvider;
import scala.Option;

/**
 * Pekko's config-based TLS for Artery (the same stores, mutual authentication and hostname
 * verification), which also remembers who each peer this node dials proved to be, in
 * {@link PeerCertificates}.
 *
 * <p>Artery calls {@code verifyClientSession} after the handshake of each connection this node
 * opens, with the engine made for the peer's canonical host and port, which the session gives
 * back. The certificate was checked against the cluster CA and its host name by then; what it
 * adds is the role and node name that {@code MemberRoles} holds each member to. Inbound
 * handshakes ({@code verifyServerSession}) are left as they are: a client's port names no member.
 */
public final class IdentityRecordingSslEngineProvider extends ConfigSSLEngineProvider {
    private final PeerCertificates peers;

    /** Made by Artery, by reflection, from {@code pekko.remote.artery.ssl.ssl-engine-provider}. */
    public IdentityRecordingSslEngineProvider(ActorSystem system) {
        super(system);
        this.peers = PeerCertificates.get(system);
    }

    @Override
    public Option<Throwable> verifyClientSession(String hostname, SSLSession session) {
        Option<Throwable> refused = super.verifyClientSession(hostname, session);
        if (refused.isDefined()) {
            return refused;
        }
        try {
            var chain = session.getPeerCertificates();
            if (chain.length > 0 && chain[0] instanceof X509Certificate certificate) {
                peers.verified(session.getPeerHost(), session.getPeerPort(), certificate);
            }
            return Option.empty();
        } catch (SSLPeerUnverifiedException e) {
            return Option.apply(e);
        }
    }
}
