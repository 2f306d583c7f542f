package org.gantry.agent.run;

import java.nio.file.Path;
import org.gantry.api.job.JobId;
import org.gantry.api.protocol.AgentCommand.LogStream;

/**
 * The layout under an agent's work directory. Job ids are restricted to letters, digits,
 * '-', '_' and '.', starting with a letter or digit, so they are safe as path segments.
 * What the agent alone reads (logs) is under {@code root}; what a job uses (its working,
 * checkpoint and home directories) under {@code jobs}, which a confined job's uid can reach
 * (see {@code Isolation#jobsRoot}).
 */
public record WorkDirs(Path root, Path jobs) {

    public WorkDirs {
        root = root.toAbsolutePath();
        jobs = jobs.toAbsolutePath();
    }

    /** Jobs' directories in the work directory itself, as for an agent that does not confine them. */
    public WorkDirs(Path root) {
        this(root, root);
    }

    /** The node's {@link LeaseFile}, which every workload's watchdog reads. */
    public Path lease() {
        return root.resolve("lease");
    }

    /** {@code logs/<job>/<attempt>/stdout.log} or {@code stderr.log}. */
    public Path log(JobId job, int attempt, LogStream stream) {
        String file = stream == LogStream.STDOUT ? "stdout.log" : "stderr.log";
        return root.resolve("logs").resolve(job.value()).resolve(Integer.toString(attempt)).resolve(file);
    }

    /** The working directory of an attempt whose spec names none. */
    public Path run(JobId job, int attempt) {
        return jobs.resolve("runs").resolve(job.value()).resolve(Integer.toString(attempt));
    }

    /** Per job, not per attempt: a restarted attempt resumes from what the last one saved. */
    public Path checkpoints(JobId job) {
        return jobs.resolve("checkpoints").resolve(job.value());
    }

    /** Where the agent puts an uploaded dataset for a {@code djl-train} attempt, before it starts. */
    public Path dataset(JobId job, int attempt) {
        return run(job, attempt).resolve("dataset.csv");
    }

    /** Where a {@code djl-train} attempt writes its finished model, which the agent then ships. */
    public Path model(JobId job, int attempt) {
        return run(job, attempt).resolve("model");
    }

    /** Where the agent puts the model version a {@code djl-serve} attempt serves, before it starts. */
    public Path servedModel(JobId job, int attempt) {
        return run(job, attempt).resolve("served-model");
    }

    /** Which version {@link #servedModel} holds, in decimal. */
    public Path servedModelVersion(JobId job, int attempt) {
        return run(job, attempt).resolve("served-model.version");
    }

    /** The bearer token a {@code djl-serve} attempt's replicas demand (owner-only file). */
    public Path servingToken(JobId job, int attempt) {
        return run(job, attempt).resolve("serving.token");
    }
}
