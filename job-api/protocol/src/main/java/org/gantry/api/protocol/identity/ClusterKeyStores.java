package org.gantry.api.protocol.identity;

import com.typesafe.config.Config;
import java.io.File;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.pekko.actor.ActorSystem;

/**
 * The key and trust stores this node's cluster TLS was started with, read from Pekko's
 * {@code config-ssl-engine} settings: signing and checking commands uses the very certificate and
 * CA that the cluster port does, with nothing more to configure.
 */
final class ClusterKeyStores {
    private static final String ENGINE = "pekko.remote.artery.ssl.config-ssl-engine.";

    private ClusterKeyStores() {}

    /** This node's private key and certificate, or null when its settings name no key store. */
    static Signing ownKey(ActorSystem system) {
        Config config = system.settings().config();
        if (!config.hasPath(ENGINE + "key-store") || config.getString(ENGINE + "key-store").isBlank()) {
            return null;
        }
        String path = config.getString(ENGINE + "key-store");
        char[] storePassword = config.getString(ENGINE + "key-store-password").toCharArray();
        char[] keyPassword = config.hasPath(ENGINE + "key-password")
                ? config.getString(ENGINE + "key-password").toCharArray() : storePassword;
        try {
            KeyStore store = KeyStore.getInstance(new File(path), storePassword);
            for (String alias : Collections.list(store.aliases())) {
                Key key = store.isKeyEntry(alias) ? store.getKey(alias, keyPassword) : null;
                if (key instanceof PrivateKey privateKey
                        && store.getCertificate(alias) instanceof X509Certificate own) {
                    return new Signing(privateKey, own);
                }
            }
            throw new IllegalStateException("the cluster key store " + path + " holds no private key: issue this node "
                    + "a certificate with gantry certs");
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the cluster key store " + path + ": " + e.getMessage(), e);
        }
    }

    /** The CA certificates this node trusts on the cluster port. */
    static List<X509Certificate> trusted(ActorSystem system) {
        Config config = system.settings().config();
        String path = config.getString(ENGINE + "trust-store");
        try {
            KeyStore store = KeyStore.getInstance(new File(path),
                    config.getString(ENGINE + "trust-store-password").toCharArray());
            List<X509Certificate> anchors = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                if (store.getCertificate(alias) instanceof X509Certificate anchor) {
                    anchors.add(anchor);
                }
            }
            return anchors;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the cluster trust store " + path + ": " + e.getMessage(), e);
        }
    }

    /** A private key and the certificate that names its holder. */
    record Signing(PrivateKey key, X509Certificate certificate) {}
}
