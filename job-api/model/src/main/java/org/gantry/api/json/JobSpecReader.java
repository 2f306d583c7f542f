package org.gantry.api.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.CheckpointPolicy;
import org.gantry.api.job.DjlServeWorkload;
import org.gantry.api.job.DjlTrainWorkload;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.JobLimits;
import org.gantry.api.job.JobResources;
import org.gantry.api.job.JobSpec;
import org.gantry.api.job.JobType;
import org.gantry.api.job.PlacementConstraints;
import org.gantry.api.job.Workload;
import org.gantry.api.tenant.TenantId;
import org.gantry.api.validation.ReadResult;
import org.gantry.api.validation.Violations;

/**
 * Reads a job spec from its JSON contract, walking the tree by hand rather than binding it, so
 * that one answer names every problem, each at its JSON path, with what the user should do.
 */
public final class JobSpecReader {
    private static final List<String> FIELDS = List.of("name", "tenant", "type", "pool", "gpus", "constraints",
            "estimatedDuration", "timeLimit", "priority", "preemptible", "workload", "checkpoint", "maxRetries", "requeueable",
            "labels", "resources");
    private static final List<String> CHECKPOINT_FIELDS = List.of("intervalSeconds", "gracePeriodSeconds");

    /**
     * What the reader checks a spec against beyond its own content.
     *
     * @param knownPools    the pools a job may name; null to accept any valid pool name
     * @param impliedTenant the tenant the caller's token is for, which the spec then belongs to;
     *                      null when the caller (an admin, a trace) must name the tenant in the body
     */
    public record Context(Set<PoolId> knownPools, TenantId impliedTenant) {
        /** No pool check, tenant named in the body: for specs already accepted once (stored, replayed). */
        public static final Context STANDALONE = new Context(null, null);

        public Context {
            knownPools = knownPools == null ? null : Set.copyOf(knownPools);
        }
    }

    private JobSpecReader() {}

    /** Reads with {@link Context#STANDALONE}: the body must name its tenant; any valid pool name will do. */
    public static ReadResult<JobSpec> read(JsonNode body) {
        return read(body, Context.STANDALONE);
    }

    public static ReadResult<JobSpec> read(String json, Context context) {
        return JsonBodies.parse(json).flatMap(body -> read(body, context));
    }

    public static ReadResult<JobSpec> read(byte[] json, Context context) {
        return JsonBodies.parse(json).flatMap(body -> read(body, context));
    }

    public static ReadResult<JobSpec> read(JsonNode body, Context context) {
        Violations violations = new Violations();
        TreeReader reader = new TreeReader(violations);
        Fields fields = JsonBodies.rootObject(reader, body);
        if (fields == null) {
            return new ReadResult.Invalid<>(violations.list());
        }
        fields.allowOnly(FIELDS);
        String name = reader.name(fields.required("name"), "job name");
        TenantId tenant = tenant(reader, fields, context);
        At typeAt = fields.optional("type");
        JobType type = reader.choice(typeAt, JobType.class);
        PoolId pool = pool(reader, fields.optional("pool"), context);
        At gpusAt = fields.required("gpus");
        GpuRequest gpus = GpuRequestReader.read(reader, gpusAt);
        PlacementConstraints constraints = ConstraintsReader.read(reader, fields.optional("constraints"));
        At estimateAt = fields.optional("estimatedDuration");
        Duration estimate = Durations.read(reader, estimateAt);
        Duration timeLimit = Durations.read(reader, fields.optional("timeLimit"));
        if (estimate != null && timeLimit != null && estimate.compareTo(timeLimit) > 0) {
            reader.report(estimateAt.path(),
                    "must not exceed timeLimit (" + timeLimit + "), got " + estimate);
        }
        Integer priority = reader.integer(fields.optional("priority"), JobLimits.MIN_PRIORITY, JobLimits.MAX_PRIORITY);
        Boolean preemptible = reader.bool(fields.optional("preemptible"));
        Workload workload = WorkloadReader.read(reader, fields.required("workload"));
        if (workload instanceof DjlTrainWorkload) {
            checkTraining(reader, typeAt, type, gpusAt, gpus);
        }
        boolean serving = workload instanceof DjlServeWorkload;
        if (serving) {
            checkServing(reader, typeAt, type, gpusAt, gpus);
        }
        // A model being served keeps its GPUs: no batch job preempts it unless its spec says so.
        JobType jobType = serving ? JobType.INFERENCE : type;
        boolean mayPreempt = preemptible == null ? !serving : preemptible;
        CheckpointPolicy checkpoint = checkpoint(reader, fields.optional("checkpoint"));
        Integer maxRetries = reader.integer(fields.optional("maxRetries"), 0, JobLimits.MAX_RETRIES);
        Boolean requeueable = reader.bool(fields.optional("requeueable"));
        Map<String, String> labels = StringMapRules.LABELS.read(reader, fields.optional("labels"));
        JobResources resources = ResourcesReader.read(reader, fields.optional("resources"));
        return violations.result(() -> new JobSpec(name, tenant, jobType, pool, gpus, constraints, estimate, timeLimit,
                priority == null ? 0 : priority, mayPreempt, workload, checkpoint,
                maxRetries == null ? 0 : maxRetries, requeueable == null || requeueable, labels, resources));
    }

    /** The body's tenant, or the one the token implies; a body may repeat that one but not name another. */
    private static TenantId tenant(TreeReader reader, Fields fields, Context context) {
        TenantId implied = context.impliedTenant();
        At at = implied == null ? fields.required("tenant") : fields.optional("tenant");
        String named = reader.name(at, "tenant name");
        if (implied == null) {
            return named == null ? null : new TenantId(named);
        }
        if (named != null && !named.equals(implied.value())) {
            reader.report(at.path(), "names tenant " + Quoting.quote(named) + " but the request is authorized for "
                    + "tenant " + Quoting.quote(implied.value()) + "; leave it out or name that one");
        }
        return implied;
    }

    /** The named pool, or the default one; either way it must be one the context knows. */
    private static PoolId pool(TreeReader reader, At at, Context context) {
        String name = at.present() ? reader.name(at, "pool name") : PoolId.DEFAULT.value();
        if (name == null) {
            return null;
        }
        PoolId pool = new PoolId(name);
        if (context.knownPools() != null && !context.knownPools().contains(pool)) {
            String known = context.knownPools().stream().map(PoolId::value).sorted().collect(Collectors.joining(", "));
            String which = at.present() ? "unknown pool " : "no pool named, and there is no default pool ";
            reader.report(at.path(), which + Quoting.quote(name) + "; known pools: " + (known.isEmpty() ? "none" : known));
            return null;
        }
        return pool;
    }

    /** A DJL trainer is one process on one device: a training job of one GPU. */
    private static void checkTraining(TreeReader reader, At typeAt, JobType type, At gpusAt, GpuRequest gpus) {
        if (type == JobType.INFERENCE) {
            reader.report(typeAt.path(), "must be TRAINING for a djl-train workload; serve the trained model with "
                    + "a djl-serve job");
        }
        if (gpus != null && !gpus.equals(GpuRequest.fixed(1))) {
            reader.report(gpusAt.path(), "must be 1 for a djl-train workload (it trains on one device), got " + gpus);
        }
    }

    /** Replicas are what scales a served model: each one runs on one GPU. */
    private static void checkServing(TreeReader reader, At typeAt, JobType type, At gpusAt, GpuRequest gpus) {
        if (typeAt.present() && type == JobType.TRAINING) {
            reader.report(typeAt.path(), "must be INFERENCE (or left out) for a djl-serve workload");
        }
        if (gpus != null && !gpus.equals(GpuRequest.fixed(1))) {
            reader.report(gpusAt.path(), "must be 1 for a djl-serve workload: it is per replica; ask for more "
                    + "replicas instead, got " + gpus);
        }
    }

    private static CheckpointPolicy checkpoint(TreeReader reader, At at) {
        Fields fields = reader.object(at);
        if (fields == null) {
            return null;
        }
        fields.allowOnly(CHECKPOINT_FIELDS);
        Long seconds = reader.wholeNumber(fields.required("intervalSeconds"), 1, JobLimits.MAX_DURATION.toSeconds());
        At grace = fields.optional("gracePeriodSeconds");
        Long graceSeconds = reader.wholeNumber(grace, 0, JobLimits.MAX_CHECKPOINT_GRACE.toSeconds());
        if (seconds == null || (grace.present() && graceSeconds == null)) {
            return null;
        }
        return CheckpointPolicy.of(seconds, graceSeconds);
    }
}
