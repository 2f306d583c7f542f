package org.gantry.ops.tls;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A cluster's certificate authority: an EC P-256 key and its self-signed certificate, kept in a
 * PKCS12 file. It signs the certificates nodes present to each other on the cluster port; a
 * node trusts exactly this authority, so a certificate from any other cannot join.
 */
public final class ClusterCa {
    /** The CA's entry in its PKCS12 file, and the trusted entry in every node's trust store. */
    static final String ALIAS = "gantry-cluster-ca";
    private static final String SIGNATURE = "SHA256withECDSA";
    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyPair keys;
    private final X509Certificate certificate;

    private ClusterCa(KeyPair keys, X509Certificate certificate) {
        this.keys = keys;
        this.certificate = certificate;
    }

    /** A new authority named {@code name} (its certificate's CN), valid for ten years. */
    public static ClusterCa create(String name) {
        KeyPair keys = newKeyPair();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Gantry")
                .addRDN(BCStyle.CN, name).build();
        Instant now = Instant.now();
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(CA_VALIDITY)), subject,
                    keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            utils.createSubjectKeyIdentifier(keys.getPublic()));
            return new ClusterCa(keys, sign(builder, keys.getPrivate()));
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make a cluster CA: " + e.getMessage(), e);
        }
    }

    /** The authority kept at {@code file} by {@link #save}. */
    public static ClusterCa load(Path file, char[] password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            PrivateKey key = (PrivateKey) store.getKey(ALIAS, password);
            X509Certificate cert = (X509Certificate) store.getCertificate(ALIAS);
            if (key == null || cert == null) {
                throw new IllegalStateException(file + " holds no entry '" + ALIAS + "': is it a Gantry cluster CA?");
            }
            return new ClusterCa(new KeyPair(cert.getPublicKey(), key), cert);
        } catch (NoSuchFileException e) {
            throw new IllegalStateException(file + ": no such file");
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(file + " cannot be read with its password (" + e.getMessage() + ")");
        }
    }

    /** Keeps the key and certificate in a new owner-only PKCS12 file. */
    public void save(Path file, char[] password) {
        try {
            KeyStore store = emptyStore();
            store.setKeyEntry(ALIAS, keys.getPrivate(), password, new Certificate[] {certificate});
            SecretFiles.store(store, file, password);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot keep the CA in " + file + ": " + e.getMessage(), e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /**
     * A certificate for node {@code name} in {@code roles}, with a new key: CN is the name, one OU
     * per role (what {@code CertifiedIdentity} reads back, and all the node may act as), the
     * subject alternative names are {@code hosts} (the addresses peers reach the node at, checked
     * by hostname verification), and it may serve both ends of a TLS connection.
     */
    public NodeCredentials issue(String name, List<String> roles, List<String> hosts, Duration validity) {
        KeyPair nodeKeys = newKeyPair();
        X500NameBuilder names = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Gantry");
        roles.forEach(role -> names.addRDN(BCStyle.OU, role));
        X500Name subject = names.addRDN(BCStyle.CN, name).build();
        Instant now = Instant.now();
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial(),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(validity)), subject,
                    nodeKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
                            KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
                    .addExtension(Extension.subjectAlternativeName, false, alternativeNames(hosts))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            utils.createAuthorityKeyIdentifier(certificate))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            utils.createSubjectKeyIdentifier(nodeKeys.getPublic()));
            return new NodeCredentials(nodeKeys.getPrivate(), sign(builder, keys.getPrivate()), certificate);
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot sign a certificate for " + name + ": " + e.getMessage(), e);
        }
    }

    /** IP addresses as IP names (what hostname verification compares an IP against), the rest as DNS names. */
    private static GeneralNames alternativeNames(List<String> hosts) {
        return new GeneralNames(hosts.stream()
                .map(host -> new GeneralName(isIpAddress(host) ? GeneralName.iPAddress : GeneralName.dNSName, host))
                .toArray(GeneralName[]::new));
    }

    static boolean isIpAddress(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder(SIGNATURE).build(signer)));
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make EC P-256 keys: " + e.getMessage(), e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }

    static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return store;
    }
}
