package org.gantry.scheduler.control.secret;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.gantry.api.job.JobSpec;
import org.gantry.api.job.ProcessWorkload;

/**
 * Seals a job's {@code secretEnv} values with AES-GCM (a random 96-bit nonce per value, the
 * variable's name as associated data, so a value cannot be moved to another name) and opens them
 * again. The control plane seals a spec before its job entity sees it, so the journal, the
 * snapshots, the job table and the scheduler's memory hold only sealed values; they are opened
 * where a plain value is needed: the {@code StartJob} sent to an agent, and the masking of the
 * job's own output. A value without the {@link #PREFIX} is one an older build wrote in plain
 * text and is returned as it is, so older journals still replay.
 */
public final class SecretSeal {
    /** What a sealed value starts with; the rest is base64 of nonce, ciphertext and tag. */
    public static final String PREFIX = "sealed:aes-gcm:v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    /** @param key 32 bytes (AES-256); see {@link SecretKeys} for where it comes from */
    public SecretSeal(byte[] key) {
        if (key == null || key.length != SecretKeys.KEY_BYTES) {
            throw new IllegalArgumentException("a secret key is " + SecretKeys.KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(Arrays.copyOf(key, key.length), "AES");
    }

    /** The spec with every secret value sealed (values sealed already stay as they are). */
    public JobSpec seal(JobSpec spec) {
        return withSecrets(spec, this::seal);
    }

    /** The spec with every secret value opened: only for the agent that runs it. */
    public JobSpec open(JobSpec spec) {
        return withSecrets(spec, this::open);
    }

    /** The plain secret values of a spec (none for workloads without secrets). */
    public List<String> openValues(JobSpec spec) {
        if (!(spec.workload() instanceof ProcessWorkload process)) {
            return List.of();
        }
        return process.secretEnv().entrySet().stream().map(e -> open(e.getKey(), e.getValue())).toList();
    }

    /** Whether two specs hold the same plain secrets under the same names. */
    public boolean sameSecrets(JobSpec a, JobSpec b) {
        return secrets(open(a)).equals(secrets(open(b)));
    }

    String seal(String name, String value) {
        if (isSealed(value)) {
            return value;
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    String open(String name, String value) {
        if (!isSealed(value)) {
            return value; // written in plain text by a build before sealing
        }
        try {
            byte[] in = Base64.getDecoder().decode(value.substring(PREFIX.length()));
            if (in.length <= NONCE_BYTES) {
                throw new SecretUnreadableException(name);
            }
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // Never the value or the key in the message: only which variable and what to check.
            throw new SecretUnreadableException(name);
        }
    }

    static boolean isSealed(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    private static Map<String, String> secrets(JobSpec spec) {
        return spec.workload() instanceof ProcessWorkload process ? process.secretEnv() : Map.of();
    }

    private static JobSpec withSecrets(JobSpec spec, BiFunction<String, String, String> change) {
        if (!(spec.workload() instanceof ProcessWorkload process) || process.secretEnv().isEmpty()) {
            return spec;
        }
        Map<String, String> changed = new LinkedHashMap<>();
        process.secretEnv().forEach((name, value) -> changed.put(name, change.apply(name, value)));
        return spec.toBuilder().workload(new ProcessWorkload(process.command(), process.env(), changed,
                process.workingDir())).build();
    }
}
