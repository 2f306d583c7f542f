package org.gantry.scheduler.control.service;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import org.gantry.api.job.JobId;
import org.gantry.api.tenant.TenantId;

/**
 * New job ids. A submit with an idempotency key gets an id derived from tenant and key, so a
 * repeat lands on the same entity and finds the first submit there — no index to keep in step.
 */
public final class JobIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** What {@link #random} and {@link #forKey} make: anything shorter may be a prefix of one. */
    static final String WHOLE_PATTERN = "j-[0-9a-z]+-[0-9a-f]{16}|k-[0-9a-f]{32}";
    private static final java.util.regex.Pattern WHOLE = java.util.regex.Pattern.compile(WHOLE_PATTERN);

    /**
     * The time part of the last random id, in microseconds since the epoch: each new one is later
     * than the last, so ids made one after another sort in that order. The queue breaks ties of
     * key and submit second by id, and a submit path quicker than a millisecond made several ids
     * in one millisecond, which the random part then ordered.
     */
    private static final AtomicLong LAST_MICROS = new AtomicLong();

    private JobIds() {}

    static JobId random() {
        long micros = LAST_MICROS.updateAndGet(last -> Math.max(last + 1, micros(Instant.now())));
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return random(micros, bytes);
    }

    /**
     * The id {@link #random} makes when made at {@code made} with these 8 random bytes: for tools that
     * write a history as the control plane would have ({@code gantry bench history}).
     */
    public static JobId madeAt(Instant made, byte[] randomBytes) {
        return random(micros(made), randomBytes);
    }

    private static JobId random(long micros, byte[] randomBytes) {
        return JobId.of("j-" + Long.toString(micros, 36) + "-" + HexFormat.of().formatHex(randomBytes));
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    static boolean isWhole(String text) {
        return WHOLE.matcher(text).matches();
    }

    static JobId forKey(TenantId tenant, String idempotencyKey) {
        // The first 128 bits of SHA-256 over tenant, a NUL (no tenant name contains one), and key.
        return JobId.of("k-" + Tokens.hash(tenant.value() + "\0" + idempotencyKey).substring(0, 32));
    }
}
