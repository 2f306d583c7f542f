package org.gantry.api.protocol.identity;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import org.apache.pekko.actor.ActorSystem;
import org.gantry.api.protocol.AgentCommand;

/**
 * Signs the commands that make an agent act ({@code StartJob}, {@code StopJob}, {@code RenewLease}, {@code NameTaken}) with this control
 * plane's cluster key, for {@link CommandVerifier} on the agent. Without cluster TLS (or without
 * a key store) it signs nothing, and agents there check nothing. Immutable; thread-safe.
 */
public final class CommandSigner {
    private static final CommandSigner NONE = new CommandSigner(null, null, null, Clock.systemUTC());
    /**
     * What a command to an agent in this very JVM ({@code gantry up}) carries instead of a
     * signature: such a command is handed over as an object, never serialised, so only code
     * already inside this JVM (which could read the key as well) can hand it this instance. The
     * agent accepts it by identity alone; a copy that came over the network is another instance,
     * and is checked, and refused, as a signature. Spares an ECDSA sign and verify per start.
     */
    static final CommandSignature IN_PROCESS = new CommandSignature("(in process)", null, null, null);

    private final PrivateKey key;
    private final String certificate;
    private final String algorithm;
    private final Clock clock;

    private CommandSigner(PrivateKey key, String certificate, String algorithm, Clock clock) {
        this.key = key;
        this.certificate = certificate;
        this.algorithm = algorithm;
        this.clock = clock;
    }

    /** With the key of {@code system}'s cluster TLS; one that signs nothing when that is off. */
    public static CommandSigner of(ActorSystem system) {
        ClusterKeyStores.Signing own = PeerCertificates.tlsOn(system) ? ClusterKeyStores.ownKey(system) : null;
        return own == null ? NONE : of(own.key(), own.certificate(), Clock.systemUTC());
    }

    /** With this key and the certificate that names it (tests pass their own clock). */
    public static CommandSigner of(PrivateKey key, X509Certificate certificate, Clock clock) {
        try {
            return new CommandSigner(key, Base64.getEncoder().encodeToString(certificate.getEncoded()),
                    algorithm(key.getAlgorithm()), clock);
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("cannot encode the cluster certificate: " + e.getMessage(), e);
        }
    }

    /** The signature algorithm for a key (and certificate) of this kind: EC from gantry certs, RSA from elsewhere. */
    static String algorithm(String keyAlgorithm) {
        return "RSA".equals(keyAlgorithm) ? "SHA256withRSA" : "SHA256withECDSA";
    }

    /**
     * What proves {@code command} to {@code agent}, the agent of node {@code node}: for an agent
     * in this JVM ({@code agent}'s address is local, so the message is never serialised) the
     * {@link #IN_PROCESS} proof, else {@link #sign}; null when this signer signs nothing.
     */
    public CommandSignature signFor(org.apache.pekko.actor.typed.ActorRef<?> agent, AgentCommand command,
                                    String node) {
        if (key != null && agent.path().address().hasLocalScope()) {
            return IN_PROCESS;
        }
        return sign(command, node);
    }

    /** The signature on {@code command} for the agent of node {@code node}; null when this signer signs nothing. */
    public CommandSignature sign(AgentCommand command, String node) {
        if (key == null) {
            return null;
        }
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        try {
            Signature signature = Signature.getInstance(algorithm);
            signature.initSign(key);
            signature.update(SignedContent.of(command, node, issuedAt));
            return new CommandSignature(node, issuedAt, certificate,
                    Base64.getEncoder().encodeToString(signature.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a " + command.getClass().getSimpleName() + ": "
                    + e.getMessage(), e);
        }
    }
}
