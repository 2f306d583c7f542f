package org.gantry.scheduler.control.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.StreamConverters;
import org.apache.pekko.util.ByteString;
import org.gantry.api.dataset.DatasetException;
import org.gantry.api.dataset.DatasetInfo;
import org.gantry.api.dataset.DatasetSummary;
import org.gantry.api.dataset.NumericCsvUpload;
import org.gantry.api.service.Caller;
import org.gantry.api.service.DatasetService;
import org.gantry.api.service.ServiceException;
import org.gantry.api.tenant.TenantId;
import org.gantry.api.validation.Violation;
import org.gantry.scheduler.control.dataset.DatasetReconciliation;
import org.gantry.scheduler.control.dataset.DatasetTable;
import org.gantry.storage.objects.CheckpointStore;
import org.gantry.storage.objects.DatasetKey;
import org.gantry.storage.objects.ObjectInfo;
import org.gantry.storage.objects.ObjectStores;
import org.gantry.storage.objects.ObjectWriter;

/**
 * Datasets in the control node's object store, their columns and rows in the {@link DatasetTable}.
 * An upload streams straight into an object writer while the validator reads the same bytes: only
 * one buffer is ever in memory, no disk is spent on a spool, and the writer commits (replacing the
 * old dataset atomically) only once the whole body proved valid; a bad or oversized body drops the
 * chunks written so far. All store work runs on the blocking dispatcher.
 */
final class ControlDatasetService implements DatasetService {
    private static final int BUFFER = 64 * 1024;
    /** How long an upload may pause before it is given up. */
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(1);

    private final DatasetTable table;
    private final Supplier<CheckpointStore> store;
    private final Executor blocking;
    private final Materializer materializer;
    private final long maxBytes;
    /**
     * Names with an upload under way. A second upload of one name is refused (409) rather than raced:
     * each commits its object and then its row, and interleaved they could pair one's row with the
     * other's bytes. One control node serves the API, so this set sees every upload.
     */
    private final Set<DatasetKey> uploading = ConcurrentHashMap.newKeySet();

    ControlDatasetService(ActorSystem<?> system, DatasetTable table, Executor blocking, long maxBytes) {
        this.table = table;
        var classic = Adapter.toClassic(system);
        this.store = () -> ObjectStores.get(classic); // the system's one store; opened on first use, off the actor threads
        this.blocking = blocking;
        this.materializer = Materializer.matFromSystem(system);
        this.maxBytes = maxBytes;
        // After a crash between an upload's object and its row, the table is put right before long.
        CompletableFuture.runAsync(() -> {
            DatasetReconciliation.Report report = DatasetReconciliation.run(table, store.get());
            if (report.rebuilt() > 0 || report.dropped() > 0) {
                system.log().warn("Datasets reconciled with the object store: {} rows rebuilt from their objects, "
                        + "{} rows without an object dropped (of {} datasets)", report.rebuilt(), report.dropped(),
                        report.checked());
            }
        }, blocking).exceptionally(failure -> {
            system.log().error("Datasets could not be reconciled with the object store: {}", failure.toString());
            return null;
        });
    }

    @Override
    public long maxBytes() {
        return maxBytes;
    }

    @Override
    public CompletionStage<Stored> put(Caller caller, TenantId tenant, String name, Source<ByteString, ?> body) {
        TenantId whose;
        try {
            whose = TenantScope.owner(caller, tenant, "datasets");
        } catch (ServiceException e) {
            return CompletableFuture.failedFuture(e);
        }
        DatasetKey key = new DatasetKey(whose.value(), name);
        if (!uploading.add(key)) {
            return CompletableFuture.failedFuture(new ServiceException.Conflict("an upload of dataset '" + name
                    + "' is already under way; retry once it has ended"));
        }
        InputStream in = body.runWith(StreamConverters.asInputStream(READ_TIMEOUT), materializer);
        return CompletableFuture.supplyAsync(() -> store(whose, name, key, in), blocking)
                .whenComplete((stored, failure) -> uploading.remove(key));
    }

    private Stored store(TenantId whose, String name, DatasetKey key, InputStream in) {
        boolean replaced = table.get(whose, name).isPresent();
        NumericCsvUpload csv = new NumericCsvUpload();
        try (InputStream bytes = in; ObjectWriter writer = store.get().writer(key)) {
            byte[] buffer = new byte[BUFFER];
            for (int n = bytes.read(buffer); n >= 0; n = bytes.read(buffer)) {
                if (csv.bytes() + n > maxBytes) {
                    throw new ServiceException.TooLarge("the dataset is more than " + maxBytes
                            + " bytes, the most this server takes (gantry.datasets.max-bytes)");
                }
                try {
                    csv.feed(buffer, 0, n);
                } catch (DatasetException e) {
                    drain(bytes, buffer, csv.bytes() + n);
                    throw e;
                }
                writer.write(buffer, 0, n);
            }
            DatasetSummary summary = csv.finish(null);
            ObjectInfo info = writer.commit();
            DatasetInfo dataset = new DatasetInfo(name, whose.value(), summary.header().columns(), summary.rows(),
                    info.size(), info.sha256(), info.createdAt());
            table.put(dataset).join();
            return new Stored(dataset, replaced);
        } catch (DatasetException e) {
            String at = e.line() == 0 ? "file" : "line " + e.line() + (e.column() > 0 ? ", column " + e.column() : "");
            throw new ServiceException.Invalid("dataset '" + name + "' is not a numeric CSV, nothing was stored: "
                    + e.getMessage(), List.of(new Violation(at, e.reason())));
        } catch (IOException e) {
            throw new UncheckedIOException("the upload of dataset '" + name + "' broke off: " + e.getMessage(), e);
        }
    }

    /**
     * Reads the rest of a refused body (up to the cap), so the client, still sending, gets the answer
     * rather than a reset connection.
     */
    private void drain(InputStream bytes, byte[] buffer, long read) {
        try {
            for (int n = bytes.read(buffer); n >= 0 && read <= maxBytes; n = bytes.read(buffer)) {
                read += n;
            }
        } catch (IOException e) {
            // The client went away: nobody waits for the answer.
        }
    }

    @Override
    public CompletionStage<List<DatasetInfo>> datasets(Caller caller, TenantId tenant) {
        TenantId whose = TenantScope.listing(caller, tenant);
        return CompletableFuture.supplyAsync(() -> table.list(whose), blocking);
    }

    @Override
    public CompletionStage<DatasetInfo> dataset(Caller caller, TenantId tenant, String name) {
        return CompletableFuture.supplyAsync(() -> {
            TenantId whose = TenantScope.owner(caller, tenant, "datasets");
            return table.get(whose, name).orElseThrow(() -> notFound(caller, whose, name));
        }, blocking);
    }

    /** The row goes first: from then on no listing or submit sees the dataset, and its bytes follow. */
    @Override
    public CompletionStage<Void> delete(Caller caller, TenantId tenant, String name) {
        return CompletableFuture.supplyAsync(() -> {
            TenantId whose = TenantScope.owner(caller, tenant, "datasets");
            if (table.get(whose, name).isEmpty()) {
                throw notFound(caller, whose, name);
            }
            table.delete(whose, name).join();
            store.get().delete(new DatasetKey(whose.value(), name));
            return null;
        }, blocking);
    }

    private static ServiceException.NotFound notFound(Caller caller, TenantId whose, String name) {
        return new ServiceException.NotFound("no dataset '" + name + "'"
                + (caller instanceof Caller.Admin ? " of tenant '" + whose.value() + "'" : ""));
    }
}
