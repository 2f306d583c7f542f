package org.gantry.ops.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The folder {@code gantry certs} works in: the cluster CA ({@code ca.p12}, its password in
 * {@value ClusterTlsDir#PASSWORD_ENV} or {@code ca.password}) and one folder per node.
 */
public record CertificateAuthorityDir(Path dir) {
    public Path caFile() {
        return dir.resolve("ca.p12");
    }

    public Path caPasswordFile() {
        return dir.resolve("ca.password");
    }

    public ClusterTlsDir node(String name) {
        return new ClusterTlsDir(dir.resolve(name));
    }

    /** Whether {@link #openOrCreate} would make a new CA. */
    public boolean hasCa() {
        return Files.exists(caFile());
    }

    /** The CA kept here, made (with its password file unless the environment gives one) when there is none. */
    public ClusterCa openOrCreate() {
        char[] fromEnv = ClusterTlsDir.passwordFromEnvironment();
        if (hasCa()) {
            return ClusterCa.load(caFile(), fromEnv != null ? fromEnv : readPassword());
        }
        SecretFiles.ownerOnlyDir(dir);
        char[] password = fromEnv != null ? fromEnv : SecretFiles.newPassword();
        ClusterCa ca = ClusterCa.create("Gantry cluster CA");
        ca.save(caFile(), password);
        if (fromEnv == null) {
            SecretFiles.writeString(caPasswordFile(), new String(password) + "\n");
        }
        return ca;
    }

    /**
     * Signs {@code node}'s certificate and writes its folder. The stores' password is the
     * environment's when set (nothing written), else a new random one in the folder's
     * {@code password} file.
     */
    public ClusterTlsDir issue(ClusterCa ca, NodeRequest node, Duration validity) {
        ClusterTlsDir target = node(node.name());
        if (Files.exists(target.keystore())) {
            throw new IllegalStateException(target.keystore() + " exists already: move " + target.dir()
                    + " away to issue node " + node.name() + " a new certificate");
        }
        char[] fromEnv = ClusterTlsDir.passwordFromEnvironment();
        char[] password = fromEnv != null ? fromEnv : SecretFiles.newPassword();
        ca.issue(node.name(), List.of(node.role()), node.hosts(), validity).writeTo(target, password, fromEnv == null);
        return target;
    }

    private char[] readPassword() {
        try {
            return Files.readString(caPasswordFile(), StandardCharsets.UTF_8).strip().toCharArray();
        } catch (IOException e) {
            throw new IllegalStateException(caFile() + " exists but " + caPasswordFile() + " cannot be read ("
                    + e.getMessage() + "): set $" + ClusterTlsDir.PASSWORD_ENV + " to the CA's password");
        }
    }
}
