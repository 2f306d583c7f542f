package org.gantry.scheduler.control.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gantry.api.dataset.DatasetException;
import org.gantry.api.dataset.DatasetInfo;
import org.gantry.api.dataset.DatasetSummary;
import org.gantry.api.dataset.NumericCsvUpload;
import org.gantry.api.tenant.TenantId;
import org.gantry.storage.objects.CheckpointStore;
import org.gantry.storage.objects.DatasetKey;
import org.gantry.storage.objects.ObjectInfo;

/**
 * Makes the dataset table agree with the object store after a crash. An upload commits its
 * object, then its row: a crash between the two leaves an object without a row (a new name) or a
 * row that describes the object it replaced (other columns, size and digest). The object is the
 * truth, as it was validated whole before its commit: a row that does not match its digest is
 * rebuilt by reading the object again, and a row whose object is gone is dropped. Blocking.
 */
public final class DatasetReconciliation {
    private static final int BUFFER = 256 * 1024;

    /** What one run changed. */
    public record Report(int checked, int rebuilt, int dropped) {}

    private DatasetReconciliation() {}

    public static Report run(DatasetTable table, CheckpointStore store) {
        Map<DatasetKey, DatasetInfo> rows = new HashMap<>();
        for (DatasetInfo row : table.list(null)) {
            rows.put(new DatasetKey(row.tenant(), row.name()), row);
        }
        List<ObjectInfo> objects = store.allDatasets();
        int rebuilt = 0;
        for (ObjectInfo object : objects) {
            DatasetKey key = (DatasetKey) object.key();
            DatasetInfo row = rows.remove(key);
            if (row == null || !row.sha256().equals(object.sha256()) || row.bytes() != object.size()) {
                table.put(describe(store, key, object)).join();
                rebuilt++;
            }
        }
        for (DatasetKey orphan : rows.keySet()) { // rows whose object is gone (a crash inside a delete)
            table.delete(new TenantId(orphan.tenant()), orphan.name()).join();
        }
        return new Report(objects.size(), rebuilt, rows.size());
    }

    private static DatasetInfo describe(CheckpointStore store, DatasetKey key, ObjectInfo object) {
        NumericCsvUpload csv = new NumericCsvUpload();
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = store.read(key)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                csv.feed(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read back " + key.describe() + ": " + e.getMessage(), e);
        } catch (DatasetException e) {
            // Only a validated upload is ever committed: a stored object that is not a CSV is a bug.
            throw new IllegalStateException(key.describe() + " in the object store is not a numeric CSV: "
                    + e.getMessage(), e);
        }
        DatasetSummary summary = csv.finish(null);
        return new DatasetInfo(key.name(), key.tenant(), summary.header().columns(), summary.rows(), object.size(),
                object.sha256(), object.createdAt());
    }
}
