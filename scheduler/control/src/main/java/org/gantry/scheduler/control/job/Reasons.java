package org.gantry.scheduler.control.job;

import java.time.Duration;
import org.gantry.api.job.JobState;
import org.gantry.api.protocol.ExitCause;

/** The words a job's {@code reason} is written in, kept together so they read alike. */
final class Reasons {
    private Reasons() {}

    /** Who cancels: a missing name must not end up as "cancelled by null". */
    static String caller(String by) {
        return by == null || by.isBlank() ? "an unnamed caller" : by.strip();
    }

    static String cancelRequested(String by) {
        return "cancel requested by " + by;
    }

    static String cancelled(String by) {
        return "cancelled by " + by;
    }

    static String succeeded(String message) {
        return withMessage("completed with exit code 0", message);
    }

    static String timeLimit(Duration limit, String message) {
        return withMessage(limit == null ? "ran past its time limit" : "ran past its time limit of " + limit, message);
    }

    /** A run that failed: what ended it, in the agent's words when it sent some. */
    static String failure(int exitCode, ExitCause cause, String message) {
        String what = switch (cause == null ? ExitCause.COMPLETED : cause) {
            case LAUNCH_FAILED -> "could not launch (exit code " + exitCode + ")";
            case STOPPED -> "stopped unexpectedly with exit code " + exitCode;
            default -> "exit code " + exitCode;
        };
        return withMessage(what, message);
    }

    /** A job that may not run twice (not {@code requeueable}) fails where others would be requeued. */
    static String nodeLost(String why) {
        return "NODE_LOST: " + why + "; not requeued, as the job is not requeueable";
    }

    static String leaseLapsed(String message) {
        return withMessage("its node lost contact with the control plane and stopped it", message);
    }

    static String retry(String failure, int retry, int maxRetries) {
        return failure + ": retry " + retry + " of " + maxRetries;
    }

    /** {@code resized 2 → 4 GPUs: grown into 2 idle GPUs}. */
    static String resized(int fromGpus, int toGpus, String why) {
        String what = "resized " + fromGpus + " → " + toGpus + " GPUs";
        return why == null || why.isBlank() ? what : what + ": " + why.strip();
    }

    static String alreadyEnded(JobState outcome) {
        return "job already " + outcome;
    }

    /** Adds the agent's words, unless they only repeat the exit code the reason already gives. */
    private static String withMessage(String what, String message) {
        boolean nothingNew = message == null || message.isBlank() || message.strip().startsWith("exited with code");
        return nothingNew ? what : what + " (" + message.strip() + ")";
    }
}
