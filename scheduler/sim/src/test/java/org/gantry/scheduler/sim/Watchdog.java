package org.gantry.scheduler.sim;

import org.gantry.scheduler.predict.DurationPredictor;
import org.gantry.scheduler.predict.JobFeatures;

/**
 * A predictor wrapper that stops a simulation that has stopped making progress. Every restart
 * and every refreshed estimate asks the predictor, so a run that keeps preempting without jobs
 * finishing asks it without end; on 2,800 random runs a healthy one asked at most 31 times per
 * job. Past {@code 1000 + 200 × jobs} calls the run is taken for a livelock and aborted, so
 * the test fails with a message instead of running until the heap is full.
 */
final class Watchdog implements DurationPredictor {
    static final class Livelock extends RuntimeException {
        Livelock(long calls) {
            super("the simulation asked the predictor " + calls + " times without ending: a livelock");
        }
    }

    private final DurationPredictor inner;
    private final long limit;
    private long calls;

    Watchdog(DurationPredictor inner, int jobs) {
        this.inner = inner;
        this.limit = 1000 + 200L * jobs;
    }

    private void tick() {
        if (++calls > limit) {
            throw new Livelock(calls);
        }
    }

    @Override
    public long predictSeconds(JobFeatures job) {
        tick();
        return inner.predictSeconds(job);
    }

    @Override
    public long predictRemainingSeconds(JobFeatures job, long elapsedSeconds) {
        tick();
        return inner.predictRemainingSeconds(job, elapsedSeconds);
    }

    @Override
    public void observe(JobFeatures job, long seconds) {
        inner.observe(job, seconds);
    }
}
