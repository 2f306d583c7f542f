package org.gantry.scheduler.policy.state;

import org.gantry.scheduler.policy.QueueOrder;
import org.gantry.scheduler.policy.order.GittinsIndex;
import org.gantry.scheduler.predict.DistributionPredictor;
import org.gantry.scheduler.predict.DurationOutlook;
import org.gantry.scheduler.predict.DurationPredictor;
import org.gantry.scheduler.predict.HistoryPredictor;
import org.gantry.scheduler.predict.JobFeatures;

/**
 * What the jobs in a {@link ClusterState} are told about their durations, learned online from
 * the jobs that finished: a point estimate for reservations and start times, and an outlook
 * (the duration distributions of the job's similarity groups) for orders that weigh the chances.
 * The scheduler actor and the simulator both hold one, so the policy sees the same facts in
 * production as in a replay. Not thread-safe: its owner's loop (actor or replay) is the only caller.
 */
public final class DurationKnowledge {
    private final DurationPredictor estimates;
    /** The estimates' predictor itself when it learns distributions, so both are learned once. */
    private final DistributionPredictor distributions;

    /** Estimates from {@code estimates}; outlooks from it when it learns distributions, else from their own. */
    public DurationKnowledge(DurationPredictor estimates) {
        this.estimates = estimates;
        this.distributions = estimates instanceof DistributionPredictor learned ? learned
                : DistributionPredictor.defaults();
    }

    /**
     * The knowledge an order ranks best with: the Gittins order takes its estimates from the
     * distributions it ranks by; the others from {@link HistoryPredictor}.
     */
    public static DurationKnowledge forOrder(QueueOrder order) {
        return new DurationKnowledge(order instanceof GittinsIndex
                ? DistributionPredictor.defaults() : HistoryPredictor.defaults());
    }

    /** How long a job of these features is expected to run, in seconds (> 0). */
    public long estimateSeconds(JobFeatures job) {
        return estimates.predictSeconds(job);
    }

    /** How much longer a job that has run {@code elapsedSeconds} is expected to run (> 0). */
    public long estimateRemainingSeconds(JobFeatures job, long elapsedSeconds) {
        return elapsedSeconds <= 0 ? estimates.predictSeconds(job)
                : estimates.predictRemainingSeconds(job, elapsedSeconds);
    }

    /** The job's duration distributions as they are now: attach it when the job is queued. */
    public DurationOutlook outlook(JobFeatures job) {
        return distributions.outlook(job);
    }

    /** A job of these features finished after running {@code seconds}. */
    public void learn(JobFeatures job, long seconds) {
        estimates.observe(job, seconds);
        if (distributions != estimates) {
            distributions.observe(job, seconds);
        }
    }
}
