package org.gantry.scheduler.control.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.gantry.api.job.JobId;
import org.gantry.api.tenant.TenantId;

/**
 * New job ids. A submit with an idempotency key gets an id derived from tenant and key, so a
 * repeat lands on the same entity and finds the first submit there — no index to keep in step.
 */
final class JobIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private JobIds() {}

    static JobId random() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return JobId.of("j-" + Long.toString(System.currentTimeMillis(), 36) + "-" + HexFormat.of().formatHex(bytes));
    }

    static JobId forKey(TenantId tenant, String idempotencyKey) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(tenant.value().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(idempotencyKey.getBytes(StandardCharsets.UTF_8));
            return JobId.of("k-" + HexFormat.of().formatHex(sha.digest(), 0, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The id, or null when the text cannot be a job id (so it names no job). */
    static JobId parse(String text) {
        try {
            return JobId.of(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
