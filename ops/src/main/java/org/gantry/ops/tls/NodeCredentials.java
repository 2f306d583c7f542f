package org.gantry.ops.tls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;

/** What one node presents and trusts on the cluster port: its key and certificate, and the cluster CA. */
public record NodeCredentials(PrivateKey key, X509Certificate certificate, X509Certificate ca) {
    /** The node's entry in its key store. */
    static final String ALIAS = "gantry-node";

    /**
     * Writes {@code dir}'s {@code keystore.p12} (key, certificate and CA chain),
     * {@code truststore.p12} (the CA alone) and, when {@code writePassword}, the {@code password}
     * that opens both: all owner-only, none overwritten.
     */
    public void writeTo(ClusterTlsDir dir, char[] password, boolean writePassword) {
        SecretFiles.ownerOnlyDir(dir.dir());
        try {
            KeyStore keys = ClusterCa.emptyStore();
            keys.setKeyEntry(ALIAS, key, password, new Certificate[] {certificate, ca});
            KeyStore trust = ClusterCa.emptyStore();
            trust.setCertificateEntry(ClusterCa.ALIAS, ca);
            SecretFiles.store(keys, dir.keystore(), password);
            SecretFiles.store(trust, dir.truststore(), password);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot write " + dir.dir() + ": " + e.getMessage(), e);
        }
        if (writePassword) {
            SecretFiles.writeString(dir.passwordFile(), new String(password) + "\n");
        }
    }

}
