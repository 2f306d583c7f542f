package org.gantry.scheduler.control.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.job.JobHistoryEntry;
import org.gantry.api.job.JobSpec;
import org.gantry.api.job.JobState;
import org.gantry.api.job.TrainingProgress;

/** A job's events told as its history ({@code GET /jobs/{id}/events}): what happened, in words. */
public final class JobHistory {
    private JobHistory() {}

    /** One entry per event, each with the state the job was in afterwards. */
    public static List<JobHistoryEntry> entries(List<JobEvent> events) {
        List<JobHistoryEntry> entries = new ArrayList<>(events.size());
        JobLifecycle state = new JobLifecycle.Empty();
        for (JobEvent event : events) {
            state = state.apply(event);
            JobState after = ((JobLifecycle.Known) state).state();
            entries.add(new JobHistoryEntry(event.at(), event.getClass().getSimpleName(), after, describe(event),
                    figures(event)));
        }
        return List.copyOf(entries);
    }

    /** A {@code Progressed} event's epochs as the API's records; null for any other event. */
    private static List<TrainingProgress> figures(JobEvent event) {
        if (!(event instanceof JobEvent.Progressed progressed)) {
            return null;
        }
        return progressed.epochs().stream().map(EpochFacts::toApi).toList();
    }

    static String describe(JobEvent event) {
        if (event instanceof JobEvent.Submitted submitted) {
            return describe(submitted.spec().toApi());
        }
        if (event instanceof JobEvent.Scheduled scheduled) {
            return "attempt " + scheduled.attempt() + " placed on " + describe(scheduled.allocation());
        }
        if (event instanceof JobEvent.Started started) {
            return "attempt " + started.attempt() + " started";
        }
        if (event instanceof JobEvent.SuspendRequested suspend) {
            return "attempt " + suspend.attempt() + " suspending: " + suspend.reason();
        }
        if (event instanceof JobEvent.ResizeRequested resize) {
            return "attempt " + resize.attempt() + " stopping to be " + resize.reason() + "; it restarts on "
                    + describe(resize.to());
        }
        if (event instanceof JobEvent.Resized resized) {
            return resized.reason() + "; attempt " + resized.attempt() + " placed on " + describe(resized.allocation());
        }
        if (event instanceof JobEvent.CancelRequested cancel) {
            return Reasons.cancelRequested(cancel.by()) + "; the job ends once its workload stops";
        }
        if (event instanceof JobEvent.Requeued requeued) {
            return "attempt " + requeued.attempt() + (requeued.retry() ? " failed, retrying: " : " requeued: ")
                    + requeued.reason();
        }
        if (event instanceof JobEvent.Progressed progressed) {
            return JobHistory.epochs(progressed);
        }
        if (event instanceof JobEvent.CheckpointSaved saved) {
            return "checkpoint of attempt " + saved.attempt() + " stored: " + saved.sizeBytes() + " bytes, step "
                    + saved.step();
        }
        JobEvent.Finished finished = (JobEvent.Finished) event;
        String code = finished.exitCode() == null ? "" : " with exit code " + finished.exitCode();
        return finished.outcome() + code + ": " + finished.reason();
    }

    /** {@code epochs 3–5 of 100 (attempt 1): train loss 0.41, validation MSE 0.35, MAE 0.46} (the last one's figures). */
    private static String epochs(JobEvent.Progressed progressed) {
        EpochFacts first = progressed.epochs().get(0);
        EpochFacts last = progressed.epochs().get(progressed.epochs().size() - 1);
        String which = first.epoch() == last.epoch() ? "epoch " + last.epoch() : "epochs " + first.epoch() + "–" + last.epoch();
        return String.format(Locale.ROOT, "%s of %d (attempt %d): train loss %.4g, validation MSE %.4g, MAE %.4g",
                which, last.epochs(), progressed.attempt(), last.trainLoss(), last.validationMse(), last.validationMae());
    }

    private static String describe(JobSpec spec) {
        return "submitted " + spec.type() + " job '" + spec.name() + "' for tenant " + spec.tenant() + ": "
                + spec.demand() + " GPU" + (spec.demand().max() == 1 ? "" : "s") + " in pool " + spec.pool();
    }

    /** {@code 4 GPUs: node-a [0, 1], node-b [2, 3]}, nodes in name order so the text is stable. */
    static String describe(Map<NodeId, List<Integer>> allocation) {
        int gpus = allocation.values().stream().mapToInt(List::size).sum();
        return gpus + " GPU" + (gpus == 1 ? "" : "s") + ": " + allocation.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(node -> node.getKey() + " " + node.getValue())
                .collect(Collectors.joining(", "));
    }
}
