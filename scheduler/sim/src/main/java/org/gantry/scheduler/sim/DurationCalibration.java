package org.gantry.scheduler.sim;

import java.util.ArrayList;
import java.util.List;
import org.gantry.scheduler.predict.DurationOutlook;

/**
 * How well the duration distributions told at submit fit what the jobs then ran: for each
 * predicted quantile in {@link #LEVELS}, the share of jobs whose duration was at or below it
 * (equal to the quantile when calibrated: 10 % at or below the 10th percentile, and so on).
 * Empty when no job was given a distribution (an oracle).
 */
public record DurationCalibration(List<Row> rows) {
    /** The quantiles asked at submit; the first and last bound the 10–90 % range. */
    static final double[] LEVELS = {0.1, 0.25, 0.5, 0.75, 0.9};

    public static final DurationCalibration NONE = new DurationCalibration(List.of());

    /** @param shareAtOrBelow how many jobs ran at most their predicted {@code quantile}, as a share */
    public record Row(double quantile, double shareAtOrBelow) {}

    public DurationCalibration {
        rows = List.copyOf(rows);
    }

    /** The quantiles of {@link #LEVELS} for a job that has not run, as the range of its outlook gives them. */
    static long[] quantilesAtSubmit(DurationOutlook outlook) {
        var quantiles = new long[LEVELS.length];
        for (int i = 0; i < LEVELS.length; i++) {
            quantiles[i] = Math.round(outlook.rangeQuantile(LEVELS[i], 0));
        }
        return quantiles;
    }

    /** Over the jobs told quantiles at submit that finished. */
    static DurationCalibration of(List<SimJob> jobs) {
        int[] below = new int[LEVELS.length];
        int told = 0;
        for (SimJob job : jobs) {
            if (job.quantilesAtSubmit == null || job.finish < 0) {
                continue;
            }
            told++;
            for (int i = 0; i < LEVELS.length; i++) {
                if (job.trace.durationSeconds() <= job.quantilesAtSubmit[i]) {
                    below[i]++;
                }
            }
        }
        if (told == 0) {
            return NONE;
        }
        var rows = new ArrayList<Row>();
        for (int i = 0; i < LEVELS.length; i++) {
            rows.add(new Row(LEVELS[i], (double) below[i] / told));
        }
        return new DurationCalibration(rows);
    }
}
