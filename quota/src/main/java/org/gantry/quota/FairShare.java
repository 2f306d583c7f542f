package org.gantry.quota;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * Weighted max-min fairness ("water filling") over a single resource, GPUs: the dominant-resource
 * case of DRF. Each claimant gets {@code weight × level}, capped by what it asks for; the level
 * rises until the supply is used up or every claim is met. Nobody can get more without taking
 * from someone who has less (relative to weight).
 */
public final class FairShare {
    private FairShare() {}

    /** One claim on the shared supply: how much it counts ({@code weight > 0}) and the most it wants. */
    public record Claim(double weight, long cap) {
        public Claim {
            if (!(weight > 0) || cap < 0) {
                throw new IllegalArgumentException("claim needs weight > 0 and cap >= 0, got " + weight + ", " + cap);
            }
        }
    }

    /** Each claimant's share of {@code supply}; the shares sum to min(supply, Σ caps). */
    public static <K> Map<K, Double> waterFill(long supply, Map<K, Claim> claims) {
        var shares = new HashMap<K, Double>();
        // Claims saturate in order of cap/weight; once the smallest saturate, the level rises for the rest.
        var bySaturation = new ArrayList<>(claims.entrySet());
        bySaturation.sort(Comparator.comparingDouble(e -> e.getValue().cap() / e.getValue().weight()));
        double remaining = Math.max(0, supply);
        double weightLeft = bySaturation.stream().mapToDouble(e -> e.getValue().weight()).sum();
        for (var entry : bySaturation) {
            Claim claim = entry.getValue();
            double level = remaining / weightLeft;
            double share = Math.min(claim.cap(), claim.weight() * level);
            shares.put(entry.getKey(), share);
            remaining -= share;
            weightLeft -= claim.weight();
        }
        return shares;
    }
}
