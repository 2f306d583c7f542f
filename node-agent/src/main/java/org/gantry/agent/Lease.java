package org.gantry.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The lease this node holds on its work. Every report it sends is remembered with the moment it
 * left, by this JVM's monotonic clock; a renewal names the report the control plane heard, and
 * the lease then runs to that moment plus the lease's length. Counted from the send, never from
 * the renewal's arrival, it always ends before the control plane's own count (from its receipt)
 * does, with no need for the two clocks to agree. Renewals that arrive out of order never
 * shorten it.
 *
 * <p>A node that never held a lease is not fenced (a start can only come after its first
 * renewal: the control plane sends both, renewal first, down one connection). Once it held one,
 * work runs only while it holds. Not thread-safe: the agent actor owns it, through its
 * {@link AgentMemory}, so that a later incarnation keeps the lease of the one before.
 */
final class Lease {
    /** Reports older than the newest this many are forgotten: their renewals would come far too late. */
    private static final int REMEMBERED_REPORTS = 64;

    private final Map<Instant, Long> sentNanos = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Instant, Long> eldest) {
            return size() > REMEMBERED_REPORTS;
        }
    };
    private boolean everHeld;
    private long lapsesAtNanos;
    private Duration grace = Duration.ZERO;
    /** When the last renewal that extended it arrived: how long the control plane was out of reach shows in the next. */
    private long lastRenewalNanos;

    /** A report stamped {@code at} left now ({@code nanos}). */
    void sent(Instant at, long nanos) {
        sentNanos.putIfAbsent(at, nanos);
    }

    /**
     * The control plane heard the report stamped {@code reportedAt}: the lease runs {@code length}
     * from its send, if that is later than now. Whether it was extended (false for a report this
     * node does not remember, or a renewal older than one already taken).
     */
    boolean renewed(Instant reportedAt, Duration length, Duration grace, long nowNanos) {
        Long sent = reportedAt == null ? null : sentNanos.get(reportedAt);
        if (sent == null || length == null || length.isNegative()) {
            return false;
        }
        long until = sent + length.toNanos();
        if (everHeld && until - lapsesAtNanos <= 0) {
            return false;
        }
        everHeld = true;
        lastRenewalNanos = nowNanos;
        lapsesAtNanos = until;
        this.grace = grace == null || grace.isNegative() ? Duration.ZERO : grace;
        return true;
    }

    /** Whether work may run at {@code nowNanos}: a lease held then, or none ever held. */
    boolean allowsWork(long nowNanos) {
        return !everHeld || nowNanos - lapsesAtNanos < 0;
    }

    /** Whether a lease was held and ran out by {@code nowNanos}. */
    boolean lapsed(long nowNanos) {
        return !allowsWork(nowNanos);
    }

    /** How long since the last renewal that extended it arrived (zero before the first). */
    Duration sinceLastRenewal(long nowNanos) {
        return everHeld ? Duration.ofNanos(Math.max(0, nowNanos - lastRenewalNanos)) : Duration.ZERO;
    }

    boolean everHeld() {
        return everHeld;
    }

    /** How long until it lapses (zero when it has, or none was ever held). */
    Duration remaining(long nowNanos) {
        return everHeld ? Duration.ofNanos(Math.max(0, lapsesAtNanos - nowNanos)) : Duration.ZERO;
    }

    /** SIGTERM → SIGKILL for workloads stopped because it lapsed. */
    Duration grace() {
        return grace;
    }
}
