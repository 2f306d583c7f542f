package org.gantry.scheduler.control.model;

import java.time.Instant;
import java.util.List;
import org.gantry.api.job.JobId;
import org.gantry.api.model.ModelMetrics;
import org.gantry.api.model.ModelVersion;
import org.gantry.api.tenant.TenantId;

/**
 * A model version as the models table keeps it: the table's own schema (plain strings and
 * numbers), so the API's records may change without rewriting what is stored.
 *
 * @param attempt  the training job's attempt that produced it: one job attempt adds at most one version
 * @param artifact the object key of its files in the object store
 */
public record StoredModel(String tenant, String name, int version, String job, int attempt, String target,
                          List<String> features, double validationMae, double validationMse, Instant createdAt,
                          String artifact) {

    public ModelVersion toApi() {
        return new ModelVersion(name, version, new TenantId(tenant), new JobId(job), target, features,
                new ModelMetrics(validationMae, validationMse), createdAt);
    }
}
