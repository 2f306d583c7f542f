package org.gantry.ops.cli.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.gantry.ops.cli.CliRun;
import org.gantry.ops.cli.CliRun.Result;
import org.gantry.ops.tls.ClusterTlsDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gantry certs}: the CA, node stores whose chains validate against it, owner-only files, exact next steps. */
class CertsCommandTest {
    @TempDir
    Path dir;

    @Test
    void signsNodeCertificatesWhoseChainsValidateAgainstTheClusterCa() throws Exception {
        Path certs = dir.resolve("certs");
        Result r = CliRun.run("certs", "--dir", certs.toString(), "--control", "ctl@10.0.0.5,ctl.example.org",
                "--agent", "gpu-1@10.0.0.7");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Cluster CA: " + certs.resolve("ca.p12") + " (made now")
                .contains("scp -rp " + certs.resolve("ctl") + " 10.0.0.5:/etc/gantry/cluster-tls")
                .contains("10.0.0.5$ gantry control --host 10.0.0.5 --cluster-port 25520 --cluster-tls-dir "
                        + "/etc/gantry/cluster-tls")
                .contains("scp -rp " + certs.resolve("gpu-1") + " 10.0.0.7:/etc/gantry/cluster-tls")
                .contains("10.0.0.7$ gantry agent --seed 10.0.0.5:25520 --host 10.0.0.7 --node-name gpu-1 "
                        + "--cluster-tls-dir /etc/gantry/cluster-tls");

        X509Certificate ca = caCertificate(certs);
        ClusterTlsDir gpu = new ClusterTlsDir(certs.resolve("gpu-1"));
        char[] password = gpu.password();
        KeyStore keys = load(gpu.keystore(), password);
        String alias = keys.aliases().nextElement();
        X509Certificate[] chain = Arrays.stream(keys.getCertificateChain(alias)).map(X509Certificate.class::cast)
                .toArray(X509Certificate[]::new);
        assertThat(chain).hasSize(2);
        assertThat(chain[1]).isEqualTo(ca);
        validate(chain[0], ca);
        assertThat(chain[0].getSubjectX500Principal().getName()).contains("CN=gpu-1").contains("OU=gpu-node");
        assertThat(alternativeNames(chain[0])).containsExactly("10.0.0.7");
        assertThat(chain[0].getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(chain[0].getBasicConstraints()).isEqualTo(-1);
        assertKeyMatches((PrivateKey) keys.getKey(alias, password), chain[0]);

        KeyStore trust = load(gpu.truststore(), password);
        assertThat(Stream.of(trust.aliases().nextElement()).map(a -> {
            try {
                return trust.getCertificate(a);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        })).containsExactly(ca);

        X509Certificate control = (X509Certificate) load(certs.resolve("ctl").resolve("keystore.p12"),
                new ClusterTlsDir(certs.resolve("ctl")).password()).getCertificate("gantry-node");
        validate(control, ca);
        assertThat(alternativeNames(control)).containsExactly("10.0.0.5", "ctl.example.org");
        assertThat(control.getSubjectX500Principal().getName()).contains("OU=control");
    }

    @Test
    void everyFileIsOwnerOnly() throws Exception {
        Path certs = dir.resolve("certs");
        assertThat(CliRun.run("certs", "--dir", certs.toString(), "--agent", "gpu-1@127.0.0.1").exit()).isZero();

        try (Stream<Path> all = Files.walk(certs)) {
            for (Path path : all.toList()) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
                assertThat(mode).as(path.toString()).isEqualTo(Files.isDirectory(path) ? "rwx------" : "rw-------");
            }
        }
        try (Stream<Path> files = Files.list(certs.resolve("gpu-1"))) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder("keystore.p12", "truststore.p12", "password");
        }
    }

    @Test
    void aSecondRunReusesTheCaAndNeverOverwritesANode() throws Exception {
        Path certs = dir.resolve("certs");
        assertThat(CliRun.run("certs", "--dir", certs.toString(), "--agent", "gpu-1@127.0.0.1").exit()).isZero();
        X509Certificate ca = caCertificate(certs);
        byte[] firstKeystore = Files.readAllBytes(certs.resolve("gpu-1").resolve("keystore.p12"));

        Result more = CliRun.run("certs", "--dir", certs.toString(), "--agent", "gpu-2@127.0.0.2");
        assertThat(more.exit()).as(more.err()).isZero();
        assertThat(more.out()).contains("reused");
        assertThat(caCertificate(certs)).isEqualTo(ca);
        ClusterTlsDir second = new ClusterTlsDir(certs.resolve("gpu-2"));
        validate((X509Certificate) load(second.keystore(), second.password()).getCertificate("gantry-node"), ca);

        Result again = CliRun.run("certs", "--dir", certs.toString(), "--agent", "gpu-1@127.0.0.1");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("exists already").contains("move");
        assertThat(Files.readAllBytes(certs.resolve("gpu-1").resolve("keystore.p12"))).isEqualTo(firstKeystore);
    }

    @Test
    void refusesANodeNameThatIsNotAFolderName() {
        Result r = CliRun.run("certs", "--dir", dir.resolve("certs").toString(), "--agent", "../escape@127.0.0.1");

        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("node name '../escape'");
        assertThat(dir.resolve("escape")).doesNotExist();
        assertThat(dir.resolve("certs")).doesNotExist();
    }

    @Test
    void aWrongPasswordIsSaidBeforeAnythingStarts() throws Exception {
        Path certs = dir.resolve("certs");
        assertThat(CliRun.run("certs", "--dir", certs.toString(), "--agent", "gpu-1@127.0.0.1").exit()).isZero();
        Files.writeString(certs.resolve("gpu-1").resolve("password"), "not-the-password\n");

        assertThatThrownBy(() -> new ClusterTlsDir(certs.resolve("gpu-1")).pekkoSettings())
                .hasMessageContaining("cannot be opened with the password");
    }

    private static X509Certificate caCertificate(Path certs) throws Exception {
        char[] password = Files.readString(certs.resolve("ca.password")).strip().toCharArray();
        return (X509Certificate) load(certs.resolve("ca.p12"), password).getCertificate("gantry-cluster-ca");
    }

    private static List<String> alternativeNames(X509Certificate certificate) throws Exception {
        return certificate.getSubjectAlternativeNames().stream().map(name -> String.valueOf(name.get(1))).toList();
    }

    private static KeyStore load(Path file, char[] password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        return store;
    }

    /** PKIX validation of the node's certificate with the CA as the only anchor, as TLS does it. */
    private static void validate(X509Certificate node, X509Certificate ca) throws Exception {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(node)), parameters);
    }

    private static void assertKeyMatches(PrivateKey key, X509Certificate certificate) throws Exception {
        byte[] data = "gantry".getBytes();
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key);
        signer.update(data);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(data);
        assertThat(verifier.verify(signature)).isTrue();
    }
}
