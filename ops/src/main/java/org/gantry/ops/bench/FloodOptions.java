package org.gantry.ops.bench;

import java.net.URI;
import java.time.Duration;

/**
 * What {@link FloodBench} does: {@code quietTenants} tenants submitting {@code quietRate}/s each,
 * one tenant flooding at {@code floodRate}/s in phase B, and before that submitting just at its
 * rate limit, {@code limitRate}/s (0: not measured); each phase lasts {@code phase}, after
 * {@code warmUp} of quiet traffic that is not counted. {@code url} and {@code adminToken} are
 * null when the bench starts its own {@code gantry up}.
 */
public record FloodOptions(URI url, String adminToken, int quietTenants, double quietRate, double floodRate,
                           double limitRate, Duration phase, Duration warmUp) {
    public FloodOptions {
        if (quietTenants < 1) {
            throw new IllegalArgumentException("--quiet-tenants must be >= 1, got " + quietTenants);
        }
        if (!(quietRate > 0) || !(floodRate > 0) || limitRate < 0) {
            throw new IllegalArgumentException("--quiet-rate and --flood-rate must be above 0 and --limit-rate at "
                    + "least 0, got " + quietRate + ", " + floodRate + " and " + limitRate);
        }
        if (phase.isNegative() || phase.isZero() || warmUp.isNegative()) {
            throw new IllegalArgumentException("--seconds must be above 0 and --warm-up at least 0, got "
                    + phase.toSeconds() + " and " + warmUp.toSeconds());
        }
    }
}
