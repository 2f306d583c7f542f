package org.gantry.ops.bench;

import java.util.Map;

/**
 * What {@link FloodBench} saw: the quiet tenants' submit latency without the flood (phase A) and
 * beside it (phase B), every status they got, and the flooding tenant's answers.
 */
public record FloodReport(int quietTenants, double quietRatePerTenant, double floodRate, double phaseSeconds,
                          LatencySummary quietWithoutFlood, Map<Integer, Integer> quietStatusesWithoutFlood,
                          LatencySummary quietWithFlood, Map<Integer, Integer> quietStatusesWithFlood,
                          double p99Ratio, Flood flood) {

    /** The flooding tenant's answers: how many, by status, and whether every 429 said when to retry. */
    public record Flood(int sent, Map<Integer, Integer> statuses, int accepted, int refused,
                        int refusedWithoutRetryAfter, LatencySummary refusalLatency) {
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
