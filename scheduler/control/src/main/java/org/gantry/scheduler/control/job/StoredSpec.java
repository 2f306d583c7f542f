package org.gantry.scheduler.control.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.util.Map;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.CheckpointPolicy;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.JobResources;
import org.gantry.api.job.JobSpec;
import org.gantry.api.job.JobType;
import org.gantry.api.job.PlacementConstraints;
import org.gantry.api.tenant.TenantId;

/**
 * A job's spec as the journal and snapshots keep it: plain values only, so the API's records
 * may change without changing what was written. This record and {@link StoredWorkload} are the
 * one place that converts to and from {@link JobSpec}; the API's constructors still validate
 * what comes back.
 *
 * <p>Version 2 of {@link JobEvent.Submitted}; version 1 embedded the API's JobSpec and is
 * read through {@link SubmittedMigration}.
 *
 * @param tenant            null only where the API allows it (never once submitted)
 * @param gpuModel          null for any model
 * @param checkpointSeconds how often it checkpoints; 0 when it names no checkpoint policy
 * @param checkpointGraceSeconds how long a stop waits for its last checkpoint (with a policy; version 3 on)
 * @param memory            its memory limit as the spec wrote it, null for none (version 4 on)
 * @param cpus              its CPU limit, 0 for none (version 4 on)
 * @param failOnNodeLoss    the spec's {@code requeueable} negated, left out when false (version 5 on)
 */
public record StoredSpec(String name, String tenant, String type, String pool, int minGpus, int maxGpus,
                         String gpuModel, long minGpuMemoryMiB, Map<String, String> nodeSelector,
                         Duration estimatedDuration, Duration timeLimit, int priority, boolean preemptible,
                         StoredWorkload workload, long checkpointSeconds, long checkpointGraceSeconds, int maxRetries, Map<String, String> labels,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String memory,
                         @JsonInclude(JsonInclude.Include.NON_DEFAULT) double cpus,
                         @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean failOnNodeLoss) {

    public StoredSpec {
        nodeSelector = nodeSelector == null ? Map.of() : Map.copyOf(nodeSelector);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public static StoredSpec of(JobSpec spec) {
        PlacementConstraints constraints = spec.constraints();
        return new StoredSpec(spec.name(), spec.tenant() == null ? null : spec.tenant().value(), spec.type().name(),
                spec.pool().value(), spec.gpus().min(), spec.gpus().max(), constraints.gpuModel(),
                constraints.minGpuMemoryMiB(), constraints.nodeSelector(), spec.estimatedDuration(), spec.timeLimit(),
                spec.priority(), spec.preemptible(), StoredWorkload.of(spec.workload()),
                spec.checkpoint() == null ? 0 : spec.checkpoint().intervalSeconds(),
                spec.checkpoint() == null ? 0 : spec.checkpoint().gracePeriodSeconds(), spec.maxRetries(), spec.labels(),
                spec.resources().memory(), spec.resources().cpus(), !spec.requeueable());
    }

    /** Whether this is the same spec as {@code other}, whatever its secret values (not their names). */
    public boolean sameButSecretValues(StoredSpec other) {
        return withoutSecretValues().equals(other.withoutSecretValues());
    }

    private StoredSpec withoutSecretValues() {
        if (!(workload instanceof StoredWorkload.Process process)) {
            return this;
        }
        Map<String, String> names = new java.util.TreeMap<>();
        (process.secretEnv() == null ? Map.<String, String>of() : process.secretEnv()).keySet().forEach(name -> names.put(name, ""));
        return new StoredSpec(name, tenant, type, pool, minGpus, maxGpus, gpuModel, minGpuMemoryMiB, nodeSelector,
                estimatedDuration, timeLimit, priority, preemptible,
                new StoredWorkload.Process(process.command(), process.env(), names, process.workingDir()),
                checkpointSeconds, checkpointGraceSeconds, maxRetries, labels, memory, cpus, failOnNodeLoss);
    }

    /** The API's spec. */
    public JobSpec toApi() {
        return JobSpec.builder(name, new GpuRequest(minGpus, maxGpus), workload.toApi())
                .tenant(tenant == null ? null : TenantId.of(tenant))
                .type(JobType.valueOf(type))
                .pool(PoolId.of(pool))
                .constraints(new PlacementConstraints(gpuModel, minGpuMemoryMiB, nodeSelector))
                .estimatedDuration(estimatedDuration)
                .timeLimit(timeLimit)
                .priority(priority)
                .preemptible(preemptible)
                .checkpoint(checkpointSeconds == 0 ? null : CheckpointPolicy.of(checkpointSeconds, checkpointGraceSeconds))
                .maxRetries(maxRetries)
                .requeueable(!failOnNodeLoss)
                .labels(labels)
                .resources(new JobResources(memory, cpus))
                .build();
    }
}
