package org.gantry.ops.bench;

import java.util.Map;

/**
 * What {@link FloodBench} saw: the quiet tenants' submit latency without the flood (phase A) and
 * beside it (phase B), every status they got, and the flooding tenant's answers. Between them,
 * the quiet latency beside a tenant submitting just at its limit ({@code quietAtLimit}): B against
 * it is what the refused excess costs, apart from the accepted share of the flood. After them,
 * the quiet tenants alone again ({@code quietAfterFlood}, A2): every accepted submit is a job
 * that waits, so each phase meets a longer queue than the one before, and B against A2 (which
 * meets a longer one still) tells what is the flood's and what is the queue's.
 */
public record FloodReport(int quietTenants, double quietRatePerTenant, double floodRate, double phaseSeconds,
                          LatencySummary quietWithoutFlood, Map<Integer, Integer> quietStatusesWithoutFlood,
                          LatencySummary quietAtLimit, double atLimitRate,
                          LatencySummary quietWithFlood, Map<Integer, Integer> quietStatusesWithFlood,
                          double p99Ratio, double p99RatioToAtLimit, LatencySummary quietAfterFlood,
                          double p99RatioToAfter, Flood flood, Cpu cpu) {

    /** The flooding tenant's answers: how many, by status, and whether every 429 said when to retry. */
    public record Flood(int sent, Map<Integer, Integer> statuses, int accepted, int refused,
                        int refusedWithoutRetryAfter, LatencySummary latency, String firstFailure) {
        public boolean everyRefusalHadRetryAfter() {
            return refusedWithoutRetryAfter == 0;
        }
    }

    /**
     * CPU seconds per phase ({@code atLimit} null when phase A+ was skipped), and what they imply
     * for the server: A+ less A over the flood's submits accepted in A+ is the CPU of one accepted
     * submit; B less A+, less its extra accepted ones, over the refused ones the CPU of one 429
     * (milliseconds; NaN when the server's CPU is unknown or A+ was skipped).
     */
    public record Cpu(PhaseCpu alone, PhaseCpu atLimit, PhaseCpu flood, double serverMsPerAccepted,
                      double serverMsPerRefused) {

        static Cpu of(PhaseCpu alone, PhaseCpu atLimit, int acceptedAtLimit, PhaseCpu flood, int acceptedInFlood,
                      int refusedInFlood) {
            if (atLimit == null) {
                return new Cpu(alone, null, flood, Double.NaN, Double.NaN);
            }
            double perAccepted = PhaseCpu.serverMsPerRequest(atLimit.serverSeconds() - alone.serverSeconds(),
                    acceptedAtLimit);
            double extraAccepted = Double.isNaN(perAccepted) ? 0
                    : (acceptedInFlood - acceptedAtLimit) * perAccepted / 1000;
            return new Cpu(alone, atLimit, flood, perAccepted, PhaseCpu.serverMsPerRequest(
                    flood.serverSeconds() - atLimit.serverSeconds() - extraAccepted, refusedInFlood));
        }
    }

    /** Whether every flood request got an answer (none failed without a status). */
    public boolean floodAllAnswered() {
        return !flood.statuses().containsKey(-1);
    }

    /** Whether every quiet submit, in both phases, was accepted. */
    public boolean quietAllAccepted() {
        return quietStatusesWithoutFlood.keySet().stream().allMatch(status -> status == 201)
                && quietStatusesWithFlood.keySet().stream().allMatch(status -> status == 201);
    }
}
