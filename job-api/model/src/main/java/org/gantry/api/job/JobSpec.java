package org.gantry.api.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.gantry.api.Names;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.tenant.TenantId;

/**
 * What a user asks to run: the job as submitted, before the control plane gives it an id.
 *
 * <p>{@code tenant} is null only on the client side, where a tenant token implies it; the
 * control plane fills it in when it reads the request. {@code estimatedDuration} (for
 * shortest-job-first), {@code timeLimit} and {@code checkpoint} are null when not given.
 * Absent {@code type}, {@code pool} and {@code constraints} take their defaults here, so
 * every reader of a spec sees the same values.
 */
public record JobSpec(
        String name,
        TenantId tenant,
        JobType type,
        PoolId pool,
        GpuRequest gpus,
        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = PlacementConstraints.OmitWhenEmpty.class)
        PlacementConstraints constraints,
        Duration estimatedDuration,
        Duration timeLimit,
        int priority,
        boolean preemptible,
        Workload workload,
        CheckpointPolicy checkpoint,
        int maxRetries,
        boolean requeueable,
        Map<String, String> labels,
        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = JobResources.OmitWhenEmpty.class)
        JobResources resources) {

    public JobSpec {
        Names.require(name, "job name");
        type = type == null ? JobType.TRAINING : type;
        pool = pool == null ? PoolId.DEFAULT : pool;
        Objects.requireNonNull(gpus, "gpus");
        constraints = constraints == null ? PlacementConstraints.EMPTY : constraints;
        requirePositive(estimatedDuration, "estimatedDuration");
        requirePositive(timeLimit, "timeLimit");
        if (estimatedDuration != null && timeLimit != null && estimatedDuration.compareTo(timeLimit) > 0) {
            throw new IllegalArgumentException("estimatedDuration " + estimatedDuration
                    + " exceeds timeLimit " + timeLimit);
        }
        if (priority < JobLimits.MIN_PRIORITY || priority > JobLimits.MAX_PRIORITY) {
            throw new IllegalArgumentException("priority must be between " + JobLimits.MIN_PRIORITY + " and "
                    + JobLimits.MAX_PRIORITY + ", got " + priority);
        }
        Objects.requireNonNull(workload, "workload");
        if (maxRetries < 0 || maxRetries > JobLimits.MAX_RETRIES) {
            throw new IllegalArgumentException("maxRetries must be between 0 and " + JobLimits.MAX_RETRIES
                    + ", got " + maxRetries);
        }
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        resources = resources == null ? JobResources.NONE : resources;
    }

    /** A builder with the defaults of an absent field: training, default pool, priority 0, preemptible, no retries. */
    public static Builder builder(String name, GpuRequest gpus, Workload workload) {
        return new Builder(name, gpus, workload);
    }

    public Builder toBuilder() {
        return new Builder(name, gpus, workload).tenant(tenant).type(type).pool(pool).constraints(constraints)
                .estimatedDuration(estimatedDuration).timeLimit(timeLimit).priority(priority)
                .preemptible(preemptible).checkpoint(checkpoint).maxRetries(maxRetries).requeueable(requeueable)
                .labels(labels)
                .resources(resources);
    }

    /**
     * The GPUs the scheduler finds for this job: {@code gpus} per replica times the replicas of a
     * serving job, else {@code gpus} itself.
     */
    public GpuRequest demand() {
        return workload instanceof DjlServeWorkload serve ? GpuRequest.fixed(gpus.min() * serve.replicas()) : gpus;
    }

    /** This spec on behalf of {@code tenant}: how the tenant a token implies gets into the spec. */
    public JobSpec withTenant(TenantId tenant) {
        return toBuilder().tenant(tenant).build();
    }

    /** This spec with secret values masked, fit to return from the API or write to a log. */
    public JobSpec redacted() {
        return toBuilder().workload(workload.redacted()).build();
    }

    private static void requirePositive(Duration duration, String what) {
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException(what + " must be positive, got " + duration);
        }
    }

    /** Builds a spec field by field; the record's constructor checks the result. */
    public static final class Builder {
        private String name;
        private TenantId tenant;
        private JobType type = JobType.TRAINING;
        private PoolId pool = PoolId.DEFAULT;
        private GpuRequest gpus;
        private PlacementConstraints constraints = PlacementConstraints.EMPTY;
        private Duration estimatedDuration;
        private Duration timeLimit;
        private int priority;
        private boolean preemptible = true;
        private Workload workload;
        private CheckpointPolicy checkpoint;
        private int maxRetries;
        private boolean requeueable = true;
        private Map<String, String> labels = Map.of();
        private JobResources resources = JobResources.NONE;

        private Builder(String name, GpuRequest gpus, Workload workload) {
            this.name = name;
            this.gpus = gpus;
            this.workload = workload;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder tenant(TenantId tenant) {
            this.tenant = tenant;
            return this;
        }

        public Builder type(JobType type) {
            this.type = type;
            return this;
        }

        public Builder pool(PoolId pool) {
            this.pool = pool;
            return this;
        }

        public Builder gpus(GpuRequest gpus) {
            this.gpus = gpus;
            return this;
        }

        public Builder constraints(PlacementConstraints constraints) {
            this.constraints = constraints;
            return this;
        }

        public Builder estimatedDuration(Duration estimatedDuration) {
            this.estimatedDuration = estimatedDuration;
            return this;
        }

        public Builder timeLimit(Duration timeLimit) {
            this.timeLimit = timeLimit;
            return this;
        }

        public Builder priority(int priority) {
            this.priority = priority;
            return this;
        }

        public Builder preemptible(boolean preemptible) {
            this.preemptible = preemptible;
            return this;
        }

        public Builder workload(Workload workload) {
            this.workload = workload;
            return this;
        }

        public Builder checkpoint(CheckpointPolicy checkpoint) {
            this.checkpoint = checkpoint;
            return this;
        }

        /** Whether the job runs again when its node is lost (the default), or fails: for work that must not run twice. */
        public Builder requeueable(boolean requeueable) {
            this.requeueable = requeueable;
            return this;
        }

        public Builder maxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
            return this;
        }

        public Builder labels(Map<String, String> labels) {
            this.labels = labels;
            return this;
        }

        public Builder resources(JobResources resources) {
            this.resources = resources;
            return this;
        }

        public JobSpec build() {
            return new JobSpec(name, tenant, type, pool, gpus, constraints, estimatedDuration, timeLimit, priority,
                    preemptible, workload, checkpoint, maxRetries, requeueable, labels, resources);
        }
    }
}
