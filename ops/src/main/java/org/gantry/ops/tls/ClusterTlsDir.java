package org.gantry.ops.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.Map;
import org.gantry.api.protocol.MemberRoles;
import org.gantry.api.protocol.identity.CertifiedIdentity;
import org.gantry.api.protocol.identity.IdentityRecordingSslEngineProvider;

/**
 * A node's cluster TLS folder, as {@code gantry certs} writes it: {@code keystore.p12} (this
 * node's key and certificate), {@code truststore.p12} (the cluster CA) and, unless the password
 * comes from {@value #PASSWORD_ENV}, a {@code password} file (0600) that opens both.
 */
public record ClusterTlsDir(Path dir) {
    /** Where the key and trust stores' password is read from first (never from the command line). */
    public static final String PASSWORD_ENV = "GANTRY_CLUSTER_TLS_PASSWORD";

    public Path keystore() {
        return dir.resolve("keystore.p12");
    }

    public Path truststore() {
        return dir.resolve("truststore.p12");
    }

    public Path passwordFile() {
        return dir.resolve("password");
    }

    /** {@value #PASSWORD_ENV}'s value, or null when it is unset or empty. */
    static char[] passwordFromEnvironment() {
        String fromEnv = System.getenv(PASSWORD_ENV);
        return fromEnv == null || fromEnv.isEmpty() ? null : fromEnv.toCharArray();
    }

    /** The password: {@value #PASSWORD_ENV} when set, else the folder's {@code password} file. */
    public char[] password() {
        char[] fromEnv = passwordFromEnvironment();
        if (fromEnv != null) {
            return fromEnv;
        }
        try {
            return Files.readString(passwordFile(), StandardCharsets.UTF_8).strip().toCharArray();
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("--cluster-tls-dir " + dir + " has no password file, and $" + PASSWORD_ENV
                    + " is not set: set it to the password of its key stores");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + passwordFile() + ": " + e.getMessage());
        }
    }

    /**
     * Pekko's settings for Artery over TLS with these stores: both sides present a certificate
     * and check the other's against the cluster CA, and the side that connects checks that the
     * certificate names the address it dialled. Fails now, with what to fix, when a store cannot
     * be opened or the certificate is not valid today.
     */
    public Map<String, Object> pekkoSettings() {
        char[] password = password();
        X509Certificate own = check(keystore(), password);
        check(truststore(), password);
        try {
            own.checkValidity();
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw new IllegalStateException("the certificate in " + keystore() + " is not valid now (" + e.getMessage()
                    + "): issue a new one with gantry certs");
        }
        String engine = "pekko.remote.artery.ssl.config-ssl-engine.";
        String secret = new String(password);
        return Map.of(
                "pekko.remote.artery.transport", "tls-tcp",
                engine + "key-store", keystore().toAbsolutePath().toString(),
                engine + "trust-store", truststore().toAbsolutePath().toString(),
                engine + "key-store-password", secret,
                engine + "key-password", secret,
                engine + "trust-store-password", secret,
                engine + "require-mutual-authentication", "on",
                engine + "hostname-verification", "on",
                // Pekko's own engine, remembering each peer's certified role and node name for MemberRoles.
                "pekko.remote.artery.ssl.ssl-engine-provider", IdentityRecordingSslEngineProvider.class.getName());
    }

    /**
     * What this node's own certificate lets it be, checked before it starts so that a node whose
     * peers would refuse it says why at once: a node in {@code role} must have that role in its
     * certificate (OU), and a GPU node its {@code --node-name} as the certificate's name (CN).
     *
     * @param node the agent's node name; null for a control node, which has no node name
     */
    public void requireIdentity(String role, String node) {
        X509Certificate own = check(keystore(), password());
        CertifiedIdentity identity = CertifiedIdentity.of(own).orElseThrow(() -> new IllegalStateException(
                "the certificate in " + keystore() + " names no node or role (" + own.getSubjectX500Principal()
                        + "): issue one with gantry certs"));
        String fix = "; issue this node a certificate with gantry certs --"
                + (MemberRoles.CONTROL.equals(role) ? "control" : "agent") + " " + (node == null ? "NAME" : node)
                + "@HOST, or start it as what its certificate names";
        if (!identity.roles().contains(role)) {
            throw new IllegalStateException("the certificate in " + keystore() + " is for " + identity.describe()
                    + ", not a '" + role + "' node: peers would refuse this node" + fix);
        }
        if (node != null && !identity.node().equals(node)) {
            throw new IllegalStateException("the certificate in " + keystore() + " is for node '" + identity.node()
                    + "', not '" + node + "': the control plane would refuse this agent" + fix);
        }
    }

    /** Opens a store; the first certificate it holds. */
    private static X509Certificate check(Path file, char[] password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            var aliases = store.aliases();
            if (!aliases.hasMoreElements()) {
                throw new IllegalStateException(file + " is empty: make it again with gantry certs");
            }
            return (X509Certificate) store.getCertificate(aliases.nextElement());
        } catch (NoSuchFileException e) {
            throw new IllegalStateException(file + ": no such file (gantry certs writes it)");
        } catch (IOException e) {
            throw new IllegalStateException(file + " cannot be opened with the password from $" + PASSWORD_ENV
                    + " or the folder's password file (" + e.getMessage() + ")");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(file + " is not a usable PKCS12 store: " + e.getMessage());
        }
    }
}
