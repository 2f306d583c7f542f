package org.gantry.scheduler.control.service;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.gantry.api.dataset.DatasetInfo;
import org.gantry.api.job.JobSpec;
import org.gantry.api.job.DjlTrainWorkload;
import org.gantry.api.service.ServiceException;
import org.gantry.api.validation.Violation;
import org.gantry.scheduler.control.dataset.DatasetTable;

/**
 * A {@code djl-train} job naming an uploaded dataset is taken only when its tenant has that
 * dataset and the dataset has the target column: refused at submit (422 at the field), not after
 * the job waited for GPUs and an agent fetched nothing. One table read, on the blocking dispatcher.
 */
final class DatasetRequirement {
    private final DatasetTable table;
    private final Executor blocking;

    DatasetRequirement(DatasetTable table, Executor blocking) {
        this.table = table;
        this.blocking = blocking;
    }

    CompletionStage<Void> check(JobSpec spec) {
        if (!(spec.workload() instanceof DjlTrainWorkload train) || train.dataset() == null) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(() -> {
            Optional<DatasetInfo> found = table.get(spec.tenant(), train.dataset());
            if (found.isEmpty()) {
                String message = "tenant '" + spec.tenant().value() + "' has no dataset '" + train.dataset()
                        + "': upload it first (PUT /api/v1/datasets/" + train.dataset() + ", gantry upload-dataset)";
                throw new ServiceException.Invalid("$.workload.dataset: " + message,
                        List.of(new Violation("$.workload.dataset", message)));
            }
            List<String> columns = found.get().columns();
            if (train.target() != null && !columns.contains(train.target())) {
                String message = "dataset '" + train.dataset() + "' has no column '" + train.target() + "' (columns: "
                        + String.join(", ", columns) + ")";
                throw new ServiceException.Invalid("$.workload.target: " + message,
                        List.of(new Violation("$.workload.target", message)));
            }
        }, blocking);
    }
}
