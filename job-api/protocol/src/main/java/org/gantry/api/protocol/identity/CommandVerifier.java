package org.gantry.api.protocol.identity;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import org.apache.pekko.actor.ActorSystem;
import org.gantry.api.protocol.AgentCommand;
import org.gantry.api.protocol.MemberRoles;

/**
 * An agent's check of a signed command ({@link CommandSigner}) before it acts on it: signed by a
 * certificate that the cluster CA issued to a {@code control} member, for this very node, over
 * exactly the fields received, and issued at most {@link #MAX_AGE} from now (either way, for
 * clock skew). Together this means a cluster member holding only a GPU node's certificate cannot
 * make an agent start or stop anything, whatever sender it names. Within that window a command
 * can only be repeated as it was, which a start of a known attempt and a stop already ignore.
 * Without cluster TLS it passes everything, as before. Thread-safe.
 */
public final class CommandVerifier {
    /** How far a command's issue time may lie from this node's clock. */
    public static final Duration MAX_AGE = Duration.ofMinutes(5);
    private static final CommandVerifier OFF = new CommandVerifier(null, null, Clock.systemUTC());

    /** How many signer certificates are remembered as checked; past that, the memory starts afresh. */
    private static final int KNOWN_SIGNERS = 16;

    private final List<X509Certificate> anchors;
    /**
     * Certificates (base64 DER, as signatures carry them) already found issued by the CA to a
     * control member: a command signed by one costs one signature check, not three and a parse.
     * Their validity period is still checked on every command.
     */
    private final Map<String, X509Certificate> controlSigners = new ConcurrentHashMap<>();
    private final String node;
    private final Clock clock;

    private CommandVerifier(List<X509Certificate> anchors, String node, Clock clock) {
        this.anchors = anchors;
        this.node = node;
        this.clock = clock;
    }

    /** For the agent of {@code node} in {@code system}: checks against its cluster trust store when TLS is on. */
    public static CommandVerifier of(ActorSystem system, String node) {
        return PeerCertificates.tlsOn(system) ? of(ClusterKeyStores.trusted(system), node, Clock.systemUTC()) : OFF;
    }

    /** Against these CA certificates (tests pass their own clock). */
    public static CommandVerifier of(List<X509Certificate> anchors, String node, Clock clock) {
        return new CommandVerifier(List.copyOf(anchors), node, clock);
    }

    /**
     * Why {@code command} must not be acted on, or empty when it may. The reason names what failed,
     * never the command's content (which may carry secrets).
     */
    public Optional<String> refusal(AgentCommand command, CommandSignature signature) {
        if (anchors == null) {
            return Optional.empty();
        }
        if (signature == CommandSigner.IN_PROCESS) {
            return Optional.empty(); // handed over inside this JVM by the control plane's own code
        }
        if (signature == null) {
            return Optional.of("it is not signed (cluster TLS is on here: is the control plane older than "
                    + "this agent?)");
        }
        if (!node.equals(signature.node())) {
            return Optional.of("it is for node " + signature.node() + ", not " + node);
        }
        if (signature.issuedAt() == null
                || Duration.between(signature.issuedAt(), clock.instant()).abs().compareTo(MAX_AGE) > 0) {
            return Optional.of("it was issued at " + signature.issuedAt() + ", more than " + MAX_AGE.toMinutes()
                    + " minutes from this node's clock (" + clock.instant() + "): a replay, or clocks that disagree");
        }
        X509Certificate signer = controlSigners.get(String.valueOf(signature.certificate()));
        if (signer == null) {
            try {
                signer = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                        new ByteArrayInputStream(Base64.getDecoder().decode(signature.certificate())));
            } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
                return Optional.of("its signer's certificate cannot be read");
            }
            Optional<String> untrusted = untrustedSigner(signer);
            if (untrusted.isPresent()) {
                return untrusted;
            }
            if (controlSigners.size() >= KNOWN_SIGNERS) {
                controlSigners.clear();
            }
            controlSigners.put(signature.certificate(), signer);
        } else if (!validNow(signer)) {
            return Optional.of("its signer's certificate (" + signer.getSubjectX500Principal()
                    + ") is not issued by this cluster's CA, or not valid now");
        }
        try {
            Signature check = Signature.getInstance(CommandSigner.algorithm(signer.getPublicKey().getAlgorithm()));
            check.initVerify(signer.getPublicKey());
            check.update(SignedContent.of(command, signature.node(), signature.issuedAt()));
            if (check.verify(Base64.getDecoder().decode(signature.value()))) {
                return Optional.empty();
            }
        } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
            // A malformed signature is a wrong one.
        }
        return Optional.of("its signature does not match its content (altered on the way, or forged)");
    }

    /** Why a certificate not seen before may not sign commands: not from this CA, not valid now, or not a control's. */
    private Optional<String> untrustedSigner(X509Certificate signer) {
        if (!validNow(signer) || !issuedByTrustedCa(signer)) {
            return Optional.of("its signer's certificate (" + signer.getSubjectX500Principal()
                    + ") is not issued by this cluster's CA, or not valid now");
        }
        Optional<CertifiedIdentity> identity = CertifiedIdentity.of(signer);
        if (identity.isEmpty() || !identity.get().roles().contains(MemberRoles.CONTROL)) {
            return Optional.of("its signer's certificate (" + signer.getSubjectX500Principal() + ") is not a '"
                    + MemberRoles.CONTROL + "' member's");
        }
        return Optional.empty();
    }

    private boolean validNow(X509Certificate signer) {
        try {
            signer.checkValidity(java.util.Date.from(clock.instant()));
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private boolean issuedByTrustedCa(X509Certificate signer) {
        for (X509Certificate anchor : anchors) {
            try {
                if (signer.getIssuerX500Principal().equals(anchor.getSubjectX500Principal())) {
                    signer.verify(anchor.getPublicKey());
                    return true;
                }
            } catch (GeneralSecurityException e) {
                // Same name, other key: try the next one.
            }
        }
        return false;
    }
}
