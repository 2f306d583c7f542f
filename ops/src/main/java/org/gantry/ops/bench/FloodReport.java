package org.gantry.ops.bench;

import java.util.Map;

/**
 * What {@link FloodBench} saw: the quiet tenants' submit latency without the flood (phase A) and
 * beside it (phase B), every status they got, and the flooding tenant's answers. Between them,
 * the quiet latency beside a tenant submitting just at its limit ({@code quietAtLimit}): B against
 * it is what the refused excess costs, apart from the accepted share of the flood.
 */
public record FloodReport(int quietTenants, double quietRatePerTenant, double floodRate, double phaseSeconds,
                          LatencySummary quietWithoutFlood, Map<Integer, Integer> quietStatusesWithoutFlood,
                          LatencySummary quietAtLimit, double atLimitRate,
                          LatencySummary quietWithFlood, Map<Integer, Integer> quietStatusesWithFlood,
                          double p99Ratio, double p99RatioToAtLimit, Flood flood) {

    /** The flooding tenant's answers: how many, by status, and whether every 429 said when to retry. */
    public record Flood(int sent, Map<Integer, Integer> statuses, int accepted, int refused,
                        int refusedWithoutRetryAfter, LatencySummary latency, String firstFailure) {
        public boolean everyRefusalHadRetryAfter() {
            return refusedWithoutRetryAfter == 0;
        }
    }

    /** Whether every quiet submit, in both phases, was accepted. */
    public boolean quietAllAccepted() {
        return quietStatusesWithoutFlood.keySet().stream().allMatch(status -> status == 201)
                && quietStatusesWithFlood.keySet().stream().allMatch(status -> status == 201);
    }
}
