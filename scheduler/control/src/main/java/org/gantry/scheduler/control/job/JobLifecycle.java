package org.gantry.scheduler.control.job;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.job.Job;
import org.gantry.api.job.JobId;
import org.gantry.api.job.JobState;
import org.gantry.scheduler.control.Persisted;

/**
 * A job's state: one record per stage of its life, each knowing which events move it on.
 * The fold is pure, so the scheduler rebuilds its view from the read journal with
 * {@link #replay} exactly as the entity recovers, without actors.
 *
 * <p>Snapshots store a stage as its concrete record (the serializer names the class), so the
 * stages need no Jackson type information. They are versioned like events ({@link JobSnapshotMigration}).
 */
public sealed interface JobLifecycle extends Persisted permits JobLifecycle.Empty, JobLifecycle.Known {

    /** The stage after {@code event}; an event this stage cannot take means a corrupt log. */
    JobLifecycle apply(JobEvent event);

    /** The API view, or null before the job was submitted. */
    Job view(JobId id);

    /** The stage after all {@code events}, from nothing. */
    static JobLifecycle fold(List<JobEvent> events) {
        JobLifecycle state = new Empty();
        for (JobEvent event : events) {
            state = state.apply(event);
        }
        return state;
    }

    /** The job as its events leave it; null when there are none. */
    static Job replay(JobId id, List<JobEvent> events) {
        return fold(events).view(id);
    }

    /** No job was submitted under this id. */
    record Empty() implements JobLifecycle {
        @Override
        public JobLifecycle apply(JobEvent event) {
            if (event instanceof JobEvent.Submitted submitted) {
                return new Pending(JobFacts.of(submitted));
            }
            throw unexpected(this, event);
        }

        @Override
        public Job view(JobId id) {
            return null;
        }
    }

    /** A submitted job, in whatever stage. */
    sealed interface Known extends JobLifecycle permits Pending, Holding, Finished {
        JobFacts facts();

        JobState state();
    }

    /** Waiting for GPUs: just submitted, or requeued after an attempt. */
    record Pending(JobFacts facts) implements Known {
        @Override
        public JobState state() {
            return JobState.PENDING;
        }

        @Override
        public JobLifecycle apply(JobEvent event) {
            if (event instanceof JobEvent.CheckpointSaved saved) {
                return new Pending(facts.checkpointed(saved));
            }
            if (event instanceof JobEvent.Progressed progressed) {
                return new Pending(facts.progressed(progressed));
            }
            if (event instanceof JobEvent.Scheduled scheduled) {
                return new Scheduled(facts.placed(scheduled.attempt()), Placement.of(scheduled));
            }
            if (event instanceof JobEvent.Finished finished) {
                return Finished.of(facts, null, finished);
            }
            throw unexpected(this, event);
        }

        @Override
        public Job view(JobId id) {
            return facts.view(id, state(), null, null, null);
        }
    }

    /** Holding GPUs for attempt {@code facts.attempt}: it ends by an exit, a requeue, or a cancel. */
    sealed interface Holding extends Known permits Scheduled, Running, Suspending, Resizing {
        Placement placement();

        /** This stage with other facts and placement. */
        Holding with(JobFacts facts, Placement placement);

        /** What every holding stage does alike: note a cancel request, go back to the queue, or end. */
        default JobLifecycle applyWhileHolding(JobEvent event) {
            if (event instanceof JobEvent.CheckpointSaved saved) {
                return with(facts().checkpointed(saved), placement());
            }
            if (event instanceof JobEvent.Progressed progressed) {
                return with(facts().progressed(progressed), placement());
            }
            if (event instanceof JobEvent.CancelRequested cancel) {
                return with(facts().because(Reasons.cancelRequested(cancel.by())),
                        placement().cancelRequested(cancel.by()));
            }
            if (event instanceof JobEvent.Requeued requeued) {
                JobFacts facts = facts().served(placement(), requeued.at()).because(requeued.reason());
                return new Pending(requeued.retry() ? facts.retried() : facts);
            }
            if (event instanceof JobEvent.Finished finished) {
                return Finished.of(facts(), placement(), finished);
            }
            throw unexpected(this, event);
        }

        @Override
        default Job view(JobId id) {
            return facts().view(id, state(), placement(), null, null);
        }
    }

    /** GPUs reserved; the workload is starting. */
    record Scheduled(JobFacts facts, Placement placement) implements Holding {
        @Override
        public JobState state() {
            return JobState.SCHEDULED;
        }

        @Override
        public Holding with(JobFacts facts, Placement placement) {
            return new Scheduled(facts, placement);
        }

        @Override
        public JobLifecycle apply(JobEvent event) {
            if (event instanceof JobEvent.Started started) {
                return new Running(facts, placement.started(started.at()));
            }
            if (event instanceof JobEvent.SuspendRequested suspend) {
                return new Suspending(facts.because(suspend.reason()), placement, suspend.reason());
            }
            if (event instanceof JobEvent.ResizeRequested resize) {
                return new Resizing(facts.because(resize.reason()), placement, resize.to(), resize.reason());
            }
            return applyWhileHolding(event);
        }
    }

    /** The workload runs. */
    record Running(JobFacts facts, Placement placement) implements Holding {
        @Override
        public JobState state() {
            return JobState.RUNNING;
        }

        @Override
        public Holding with(JobFacts facts, Placement placement) {
            return new Running(facts, placement);
        }

        @Override
        public JobLifecycle apply(JobEvent event) {
            if (event instanceof JobEvent.SuspendRequested suspend) {
                return new Suspending(facts.because(suspend.reason()), placement, suspend.reason());
            }
            if (event instanceof JobEvent.ResizeRequested resize) {
                return new Resizing(facts.because(resize.reason()), placement, resize.to(), resize.reason());
            }
            return applyWhileHolding(event);
        }
    }

    /**
     * Being checkpointed and stopped for preemption, resize or drain; its exit requeues it.
     * The reason is kept apart from {@code facts.reason}, which a later cancel request overwrites.
     */
    record Suspending(JobFacts facts, Placement placement, String suspendReason) implements Holding {
        @Override
        public JobState state() {
            return JobState.SUSPENDING;
        }

        @Override
        public Holding with(JobFacts facts, Placement placement) {
            return new Suspending(facts, placement, suspendReason);
        }

        @Override
        public JobLifecycle apply(JobEvent event) {
            return applyWhileHolding(event);
        }
    }

    /**
     * An elastic job being checkpointed and stopped to restart at another width: still SUSPENDING
     * to the API (its workload is stopping), but its exit places the next attempt on {@code to}
     * at once rather than requeueing it, so it keeps its place and the GPUs it keeps. A suspend
     * (drain, cordon) turns it into a plain suspension; a cancel still wins at the exit.
     */
    record Resizing(JobFacts facts, Placement placement, Map<NodeId, List<Integer>> to, String resizeReason)
            implements Holding {
        public Resizing {
            to = new Placement(to, null, null, null).allocation(); // the same deep, unmodifiable copy
        }

        @Override
        public JobState state() {
            return JobState.SUSPENDING;
        }

        @Override
        public Holding with(JobFacts facts, Placement placement) {
            return new Resizing(facts, placement, to, resizeReason);
        }

        @Override
        public JobLifecycle apply(JobEvent event) {
            if (event instanceof JobEvent.Resized resized) {
                JobFacts served = facts.served(placement, resized.at()).because(resized.reason());
                return new Scheduled(served.placed(resized.attempt()), Placement.of(resized));
            }
            if (event instanceof JobEvent.SuspendRequested suspend) {
                return new Suspending(facts.because(suspend.reason()), placement, suspend.reason());
            }
            return applyWhileHolding(event);
        }

        @Override
        public Job view(JobId id) {
            return facts.view(id, state(), placement, null, null, to);
        }
    }

    /**
     * The end. {@code lastPlacement} keeps when the last attempt was scheduled and started
     * (null if it never was); a finished job holds no GPUs, so its view shows no allocation.
     */
    record Finished(JobFacts facts, JobState outcome, Integer exitCode, Placement lastPlacement, Instant finishedAt)
            implements Known {

        static Finished of(JobFacts facts, Placement placement, JobEvent.Finished finished) {
            JobFacts served = placement == null ? facts : facts.served(placement, finished.at());
            return new Finished(served.because(finished.reason()), finished.outcome(), finished.exitCode(), placement,
                    finished.at());
        }

        @Override
        public JobState state() {
            return outcome;
        }

        @Override
        public JobLifecycle apply(JobEvent event) {
            if (event instanceof JobEvent.CheckpointSaved saved) {
                return new Finished(facts.checkpointed(saved), outcome, exitCode, lastPlacement, finishedAt);
            }
            if (event instanceof JobEvent.Progressed progressed) {
                return new Finished(facts.progressed(progressed), outcome, exitCode, lastPlacement, finishedAt);
            }
            throw unexpected(this, event);
        }

        @Override
        public Job view(JobId id) {
            return facts.view(id, outcome, lastPlacement, finishedAt, exitCode);
        }
    }

    private static IllegalStateException unexpected(JobLifecycle state, JobEvent event) {
        return new IllegalStateException("event " + event.getClass().getSimpleName() + " cannot follow a job in stage "
                + state.getClass().getSimpleName() + ": the job's event log is inconsistent");
    }
}
