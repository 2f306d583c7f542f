package org.gantry.api.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.gantry.api.Names;
import org.gantry.api.job.JobId;
import org.gantry.api.tenant.TenantId;

/**
 * One version of a tenant's model, as {@code GET /api/v1/models/{name}} shows it: which job
 * trained it, what it predicts from what, and how well. Versions count up from 1 per tenant and
 * name; each successful {@code djl-train} job adds one.
 *
 * @param features the input columns, in the order the model takes them
 */
public record ModelVersion(String name, int version, TenantId tenant, JobId job, String target, List<String> features,
                           ModelMetrics metrics, Instant createdAt) {
    public ModelVersion {
        Names.require(name, "model name");
        if (version < 1) {
            throw new IllegalArgumentException("model versions start at 1, got " + version);
        }
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(target, "target");
        features = List.copyOf(features);
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
