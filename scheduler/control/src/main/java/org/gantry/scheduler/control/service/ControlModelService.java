package org.gantry.scheduler.control.service;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.gantry.api.model.ModelVersion;
import org.gantry.api.service.Caller;
import org.gantry.api.service.ModelService;
import org.gantry.api.service.ServiceException;
import org.gantry.api.tenant.TenantId;
import org.gantry.scheduler.control.model.ModelTable;
import org.gantry.scheduler.control.model.StoredModel;

/**
 * Reads the models table on the blocking-I/O dispatcher and routes predictions to served replicas;
 * a tenant sees and uses only its own models.
 */
final class ControlModelService implements ModelService {
    private final ModelTable table;
    private final Executor blocking;
    private final PredictRouter router;

    ControlModelService(ModelTable table, Executor blocking, PredictRouter router) {
        this.table = table;
        this.blocking = blocking;
        this.router = router;
    }

    @Override
    public CompletionStage<List<ModelVersion>> models(Caller caller, TenantId tenant) {
        TenantId whose = TenantScope.listing(caller, tenant);
        return read(() -> table.newestOfEach(whose).stream().map(StoredModel::toApi).toList());
    }

    @Override
    public CompletionStage<ModelVersion> model(Caller caller, TenantId tenant, String name, Integer version) {
        return read(() -> {
            TenantId whose = TenantScope.owner(caller, tenant, "models");
            return (version == null ? table.newest(whose, name) : table.version(whose, name, version))
                .map(StoredModel::toApi)
                .orElseThrow(() -> new ServiceException.NotFound(version == null
                        ? "no model '" + name + "'" + ofTenant(caller, whose)
                        : "model '" + name + "'" + ofTenant(caller, whose) + " has no version " + version));
        });
    }

    @Override
    public CompletionStage<List<ModelVersion>> versions(Caller caller, TenantId tenant, String name) {
        return read(() -> {
            TenantId whose = TenantScope.owner(caller, tenant, "models");
            List<ModelVersion> versions = table.versions(whose, name).stream().map(StoredModel::toApi).toList();
            if (versions.isEmpty()) {
                throw new ServiceException.NotFound("no model '" + name + "'" + ofTenant(caller, whose));
            }
            return versions;
        });
    }

    @Override
    public CompletionStage<byte[]> predict(Caller caller, TenantId tenant, String name, byte[] rows) {
        TenantId whose;
        try {
            whose = TenantScope.owner(caller, tenant, "models");
        } catch (ServiceException e) {
            return CompletableFuture.failedFuture(e);
        }
        return router.predict(whose, name, rows);
    }

    private static String ofTenant(Caller caller, TenantId tenant) {
        return caller instanceof Caller.Admin ? " of tenant '" + tenant.value() + "'" : "";
    }

    private <T> CompletionStage<T> read(Supplier<T> read) {
        return CompletableFuture.supplyAsync(read, blocking);
    }
}
