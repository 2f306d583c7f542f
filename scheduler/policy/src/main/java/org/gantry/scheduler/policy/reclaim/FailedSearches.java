package org.gantry.scheduler.policy.reclaim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The searches for room that failed in one pass, so that a job no better placed is not searched
 * for again: room only gets scarcer as a pass goes on. A job is no better placed than one that
 * failed when it is of the same kind (what the rules cannot tell apart), at least as large, and
 * its claim under every rule (see {@link VictimRule#claim}) is no stronger.
 */
final class FailedSearches {
    /** A failed search: the claims of its job, rule by rule, and its size. */
    private record Failure(double[] claims, int gpus) {
        boolean covers(double[] otherClaims, int otherGpus) {
            if (otherGpus < gpus) {
                return false;
            }
            for (int i = 0; i < claims.length; i++) {
                if (otherClaims[i] > claims[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Per kind, the failures none of the others covers (few: a queue walks claims strongest first). */
    private final Map<Object, List<Failure>> byKind = new HashMap<>();

    /** Whether a search for a job of this kind, claims and size is known to fail in this pass. */
    boolean known(Object kind, double[] claims, int gpus) {
        List<Failure> failures = byKind.get(kind);
        if (failures == null) {
            return false;
        }
        for (int i = 0; i < failures.size(); i++) { // indexed: asked for each of ~1,000 jobs a pass tries
            if (failures.get(i).covers(claims, gpus)) {
                return true;
            }
        }
        return false;
    }

    /** The search for a job of this kind, claims and size failed. */
    void add(Object kind, double[] claims, int gpus) {
        List<Failure> failures = byKind.computeIfAbsent(kind, k -> new ArrayList<>(2));
        Failure added = new Failure(claims.clone(), gpus);
        failures.removeIf(failure -> added.covers(failure.claims(), failure.gpus()));
        failures.add(added);
    }
}
