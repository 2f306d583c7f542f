package org.gantry.scheduler.control.service;

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
    /** What {@link #random} and {@link #forKey} make: anything shorter may be a prefix of one. */
    static final String WHOLE_PATTERN = "j-[0-9a-z]+-[0-9a-f]{16}|k-[0-9a-f]{32}";
    private static final java.util.regex.Pattern WHOLE = java.util.regex.Pattern.compile(WHOLE_PATTERN);

    private JobIds() {}

    static JobId random() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return JobId.of("j-" + Long.toString(System.currentTimeMillis(), 36) + "-" + HexFormat.of().formatHex(bytes));
    }

    static boolean isWhole(String text) {
        return WHOLE.matcher(text).matches();
    }

    static JobId forKey(TenantId tenant, String idempotencyKey) {
        // The first 128 bits of SHA-256 over tenant, a NUL (no tenant name contains one), and key.
        return JobId.of("k-" + Tokens.hash(tenant.value() + "\0" + idempotencyKey).substring(0, 32));
    }
}
