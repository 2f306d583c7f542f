package org.gantry.scheduler.control.job;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.job.JobState;
import org.gantry.api.protocol.ExitCause;
import org.gantry.scheduler.control.job.JobCommand.Cancel;
import org.gantry.scheduler.control.job.JobCommand.Get;
import org.gantry.scheduler.control.job.JobCommand.MarkExited;
import org.gantry.scheduler.control.job.JobCommand.MarkStarted;
import org.gantry.scheduler.control.job.JobCommand.RecordCheckpoint;
import org.gantry.scheduler.control.job.JobCommand.RecordProgress;
import org.gantry.scheduler.control.job.JobCommand.Requeue;
import org.gantry.scheduler.control.job.JobCommand.Resize;
import org.gantry.scheduler.control.job.JobCommand.Schedule;
import org.gantry.scheduler.control.job.JobCommand.Submit;
import org.gantry.scheduler.control.job.JobCommand.Suspend;
import org.gantry.scheduler.control.job.JobLifecycle.Finished;
import org.gantry.scheduler.control.job.JobLifecycle.Holding;
import org.gantry.scheduler.control.job.JobLifecycle.Known;
import org.gantry.scheduler.control.job.JobLifecycle.Pending;
import org.gantry.scheduler.control.job.JobLifecycle.Resizing;
import org.gantry.scheduler.control.job.JobLifecycle.Scheduled;
import org.gantry.scheduler.control.job.JobLifecycle.Suspending;

/**
 * What each command does to a job in each stage, as plain decisions: {@link JobEntity} turns
 * them into effects and replies. Commands are idempotent, so a repeat or a stale report is
 * {@link Decision.Unchanged}; a command that cannot apply is refused with a reason, never thrown.
 */
final class JobRules {
    private JobRules() {}

    /** The outcome of a command, before any effect. */
    sealed interface Decision {
        record Persist(JobEvent event) implements Decision {}

        record Unchanged() implements Decision {}

        record Refuse(String reason) implements Decision {}

        /** The job does not exist. */
        record NotFound() implements Decision {}
    }

    private static final Decision UNCHANGED = new Decision.Unchanged();

    static Decision onEmpty(JobCommand command) {
        if (command instanceof Submit submit) {
            if (submit.spec() == null || submit.at() == null) {
                return new Decision.Refuse("a submit needs a spec and a time");
            }
            return persist(new JobEvent.Submitted(StoredSpec.of(submit.spec()), submit.idempotencyKey(), submit.at()));
        }
        return new Decision.NotFound();
    }

    static Decision onPending(Pending pending, JobCommand command) {
        Decision common = common(pending, command);
        if (common != null) {
            return common;
        }
        int attempt = pending.facts().attempt();
        if (command instanceof Cancel cancel) {
            return persist(new JobEvent.Finished(attempt, JobState.CANCELLED, null,
                    Reasons.cancelled(Reasons.caller(cancel.by())), cancel.at()));
        }
        if (command instanceof Schedule schedule) {
            if (schedule.attempt() != attempt + 1) {
                return new Decision.Refuse("attempt " + schedule.attempt() + " is stale: the job is PENDING after "
                        + "attempt " + attempt + ", so the next placement is attempt " + (attempt + 1));
            }
            String problem = allocationProblem(schedule.allocation());
            if (problem != null) {
                return new Decision.Refuse("attempt " + schedule.attempt() + " " + problem);
            }
            return persist(new JobEvent.Scheduled(schedule.attempt(), schedule.allocation(), schedule.at()));
        }
        if (command instanceof Suspend) {
            return new Decision.Refuse("job is PENDING: it holds no GPUs to suspend");
        }
        if (command instanceof Resize) {
            return new Decision.Refuse("job is PENDING: it holds no GPUs to resize");
        }
        // MarkStarted, MarkExited, Requeue: reports about an attempt that is over.
        return UNCHANGED;
    }

    static Decision onHolding(Holding holding, JobCommand command) {
        Decision common = common(holding, command);
        if (common != null) {
            return common;
        }
        int attempt = holding.facts().attempt();
        Placement placement = holding.placement();
        if (command instanceof Cancel cancel) {
            return placement.cancelling() ? UNCHANGED
                    : persist(new JobEvent.CancelRequested(Reasons.caller(cancel.by()), cancel.at()));
        }
        if (command instanceof Schedule schedule) {
            return reschedule(holding, schedule);
        }
        if (command instanceof MarkStarted started) {
            return started.attempt() == attempt && holding instanceof Scheduled
                    ? persist(new JobEvent.Started(attempt, started.at()))
                    : UNCHANGED;
        }
        if (command instanceof Suspend suspend) {
            if (suspend.attempt() != attempt) {
                return new Decision.Refuse("attempt " + suspend.attempt() + " is not the job's current attempt "
                        + attempt);
            }
            return holding instanceof Suspending ? UNCHANGED
                    : persist(new JobEvent.SuspendRequested(attempt, suspend.reason(), suspend.at()));
        }
        if (command instanceof Resize resize) {
            return resize(holding, resize);
        }
        if (command instanceof MarkExited exited) {
            return exited.attempt() == attempt ? exit(holding, exited) : UNCHANGED;
        }
        if (command instanceof Requeue requeue) {
            if (requeue.attempt() != attempt) {
                return UNCHANGED;
            }
            if (placement.cancelling()) {
                return persist(new JobEvent.Finished(attempt, JobState.CANCELLED, null,
                        Reasons.cancelled(placement.cancelledBy()), requeue.at()));
            }
            return lostWithItsNode(holding.facts(), null, requeue.reason(), requeue.at());
        }
        throw new IllegalStateException("no rule for " + command.getClass().getSimpleName());
    }

    static Decision onFinished(Finished finished, JobCommand command) {
        Decision common = common(finished, command);
        if (common != null) {
            return common;
        }
        if (command instanceof Cancel) {
            // Cancelling a cancelled job is a repeat; cancelling one that ended otherwise is too late.
            return finished.outcome() == JobState.CANCELLED ? UNCHANGED
                    : new Decision.Refuse(Reasons.alreadyEnded(finished.outcome()));
        }
        if (command instanceof Schedule || command instanceof Suspend || command instanceof Resize) {
            return new Decision.Refuse(Reasons.alreadyEnded(finished.outcome()));
        }
        return UNCHANGED;
    }

    /** Submit and Get answer the same in every stage of a known job; null for the other commands. */
    private static Decision common(Known known, JobCommand command) {
        if (command instanceof Get) {
            return UNCHANGED;
        }
        if (command instanceof Submit submit) {
            return resubmit(known.facts(), submit);
        }
        if (command instanceof RecordProgress progress) {
            List<EpochFacts> news = known.facts().unseen(progress.attempt(), progress.epochs());
            return news.isEmpty() ? UNCHANGED : persist(new JobEvent.Progressed(progress.attempt(), news, progress.at()));
        }
        if (command instanceof RecordCheckpoint checkpoint) {
            CheckpointFacts last = known.facts().lastCheckpoint();
            return last != null && last.step() >= checkpoint.step() ? UNCHANGED
                    : persist(new JobEvent.CheckpointSaved(checkpoint.attempt(), checkpoint.step(),
                            checkpoint.sizeBytes(), checkpoint.at()));
        }
        return null;
    }

    /**
     * A retried submit returns the job it made; anything else under this id is a different job.
     * Secret values are compared by the submit path, which can open them: sealed twice, one value
     * reads differently each time.
     */
    private static Decision resubmit(JobFacts facts, Submit submit) {
        boolean sameKey = Objects.equals(submit.idempotencyKey(), facts.idempotencyKey());
        if (sameKey && submit.spec() != null && StoredSpec.of(submit.spec()).sameButSecretValues(facts.spec())) {
            return UNCHANGED;
        }
        if (sameKey && submit.idempotencyKey() != null) {
            return new Decision.Refuse("idempotency key '" + submit.idempotencyKey()
                    + "' was used for a different job");
        }
        return new Decision.Refuse("a different job was already submitted under this id at " + facts.submittedAt());
    }

    private static Decision reschedule(Holding holding, Schedule schedule) {
        int attempt = holding.facts().attempt();
        if (schedule.attempt() != attempt) {
            return new Decision.Refuse("job is " + holding.state() + " with attempt " + attempt + "; attempt "
                    + schedule.attempt() + " cannot be placed until it is requeued");
        }
        return Objects.equals(schedule.allocation(), holding.placement().allocation()) ? UNCHANGED
                : new Decision.Refuse("attempt " + attempt + " is already scheduled on other GPUs: "
                        + holding.placement().allocation());
    }

    /**
     * A resize of the current attempt, while it runs (or is starting) and nobody asked to stop it:
     * a repeat of the one under way changes nothing.
     */
    private static Decision resize(Holding holding, Resize resize) {
        int attempt = holding.facts().attempt();
        Placement placement = holding.placement();
        if (resize.attempt() != attempt) {
            return new Decision.Refuse("attempt " + resize.attempt() + " is not the job's current attempt " + attempt);
        }
        if (holding instanceof Resizing resizing) {
            return resizing.to().equals(new Placement(resize.allocation(), null, null, null).allocation()) ? UNCHANGED
                    : new Decision.Refuse("attempt " + attempt + " is already being resized onto " + resizing.to());
        }
        if (holding instanceof Suspending || placement.cancelling()) {
            return new Decision.Refuse("attempt " + attempt + " is being stopped: " + holding.facts().reason());
        }
        String problem = allocationProblem(resize.allocation());
        if (problem != null) {
            return new Decision.Refuse("the resize of attempt " + attempt + " " + problem);
        }
        if (resize.allocation().equals(placement.allocation())) {
            return new Decision.Refuse("attempt " + attempt + " already runs on " + placement.allocation());
        }
        int toGpus = resize.allocation().values().stream().mapToInt(List::size).sum();
        return persist(new JobEvent.ResizeRequested(attempt, resize.allocation(),
                Reasons.resized(placement.gpuCount(), toGpus, resize.why()), resize.at()));
    }

    /** Why an allocation cannot be placed, or null when it can: the state must never hold a hole. */
    private static String allocationProblem(Map<NodeId, List<Integer>> allocation) {
        if (allocation == null || allocation.isEmpty()) {
            return "names no GPUs";
        }
        for (Map.Entry<NodeId, List<Integer>> node : allocation.entrySet()) {
            if (node.getKey() == null || node.getValue() == null || node.getValue().isEmpty()
                    || node.getValue().stream().anyMatch(Objects::isNull)) {
                return "has a node without GPU indices: " + allocation;
            }
        }
        return null;
    }

    /** The current attempt's workload ended: cancel, success, requeue, retry or failure, in that order. */
    private static Decision exit(Holding holding, MarkExited exited) {
        JobFacts facts = holding.facts();
        int attempt = facts.attempt();
        Placement placement = holding.placement();
        int code = exited.exitCode();
        if (placement.cancelling()) {
            return finish(attempt, JobState.CANCELLED, code, Reasons.cancelled(placement.cancelledBy()), exited);
        }
        if (exited.cause() == ExitCause.COMPLETED && code == 0) {
            // Checked before suspension: a workload that finished on its own before the stop
            // reached it is done; requeuing it would run finished work again.
            return finish(attempt, JobState.SUCCEEDED, code, Reasons.succeeded(exited.message()), exited);
        }
        if (holding instanceof Suspending suspending) {
            return persist(new JobEvent.Requeued(attempt, suspending.suspendReason(), false, exited.at()));
        }
        if (holding instanceof Resizing resizing) {
            // Stopped as asked (or ended otherwise meanwhile): the next attempt starts on the new GPUs
            // from the checkpoint the stop shipped, without spending a retry or queueing again.
            return persist(new JobEvent.Resized(attempt + 1, resizing.to(), resizing.resizeReason(), exited.at()));
        }
        if (exited.cause() == ExitCause.LEASE_LAPSED) {
            // Its node lost touch with the control plane and stopped it: not the job's fault.
            return lostWithItsNode(facts, code, Reasons.leaseLapsed(exited.message()), exited.at());
        }
        if (exited.cause() == ExitCause.TIME_LIMIT) {
            return finish(attempt, JobState.FAILED, code,
                    Reasons.timeLimit(facts.spec().timeLimit(), exited.message()), exited);
        }
        String failure = Reasons.failure(code, exited.cause(), exited.message());
        int maxRetries = facts.spec().maxRetries();
        if (facts.retries() < maxRetries) {
            return persist(new JobEvent.Requeued(attempt, Reasons.retry(failure, facts.retries() + 1, maxRetries),
                    true, exited.at()));
        }
        return finish(attempt, JobState.FAILED, code, failure, exited);
    }

    /**
     * The current attempt is gone with its node (lost, or fenced by its lease): back to the queue
     * without spending a retry, or FAILED with {@code NODE_LOST} for a job that must not run twice.
     */
    private static Decision lostWithItsNode(JobFacts facts, Integer exitCode, String reason, Instant at) {
        return facts.spec().failOnNodeLoss()
                ? persist(new JobEvent.Finished(facts.attempt(), JobState.FAILED, exitCode, Reasons.nodeLost(reason), at))
                : persist(new JobEvent.Requeued(facts.attempt(), reason, false, at));
    }

    private static Decision finish(int attempt, JobState outcome, int exitCode, String reason, MarkExited exited) {
        return persist(new JobEvent.Finished(attempt, outcome, exitCode, reason, exited.at()));
    }

    private static Decision persist(JobEvent event) {
        return new Decision.Persist(event);
    }
}
