package org.gantry.api.service;

import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import org.gantry.api.dataset.DatasetInfo;
import org.gantry.api.tenant.TenantId;

/**
 * The tenants' uploaded datasets. {@code tenant} is the one the request names ({@code ?tenant=});
 * a tenant's token implies its own, and a dataset of another tenant is {@link ServiceException.NotFound}.
 */
public interface DatasetService {

    /** A stored dataset, and whether it replaced one of the same name. */
    record Stored(DatasetInfo dataset, boolean replaced) {}

    /**
     * Streams {@code body} (a numeric CSV) in, validating it as it arrives; stores it under {@code name},
     * replacing any dataset of that name, only once all of it proved valid. Invalid (422) names the line
     * and column at fault; TooLarge (413) past the configured cap.
     */
    CompletionStage<Stored> put(Caller caller, TenantId tenant, String name, Source<ByteString, ?> body);

    /** The tenant's datasets (every tenant's, for an admin naming none), by name. */
    CompletionStage<List<DatasetInfo>> datasets(Caller caller, TenantId tenant);

    CompletionStage<DatasetInfo> dataset(Caller caller, TenantId tenant, String name);

    CompletionStage<Void> delete(Caller caller, TenantId tenant, String name);

    /** The largest upload accepted, in bytes: a body announced larger is refused before it is read. */
    long maxBytes();
}
