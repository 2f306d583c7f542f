package org.gantry.api.service;

import java.util.List;
import java.util.concurrent.CompletionStage;
import org.gantry.api.model.ModelVersion;
import org.gantry.api.tenant.TenantId;

/**
 * The trained models of tenants. {@code tenant} is the one the request names ({@code ?tenant=});
 * a tenant's token implies its own, and a model of another tenant is {@link ServiceException.NotFound}.
 */
public interface ModelService {

    /** The newest version of each model of the tenant (of every tenant, for an admin naming none), by name. */
    CompletionStage<List<ModelVersion>> models(Caller caller, TenantId tenant);

    /** Version {@code version} of the model, or its newest when {@code version} is null. */
    CompletionStage<ModelVersion> model(Caller caller, TenantId tenant, String name, Integer version);

    /** Every version of the model, newest first. */
    CompletionStage<List<ModelVersion>> versions(Caller caller, TenantId tenant, String name);

    /**
     * Predictions of the served model for {@code rows} (the request body, {@code {"rows": [...]}}),
     * as the replica answers them: {@code {"model", "version", "predictions"}}. Unavailable (503)
     * when no replica of it is ready; Invalid (422) when the rows do not fit the model.
     */
    CompletionStage<byte[]> predict(Caller caller, TenantId tenant, String name, byte[] rows);
}
