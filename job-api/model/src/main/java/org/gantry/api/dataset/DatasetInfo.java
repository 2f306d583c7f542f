package org.gantry.api.dataset;

import java.time.Instant;
import java.util.List;

/**
 * A tenant's uploaded dataset as the API shows it: a numeric CSV that passed validation whole.
 *
 * @param bytes  the file's size as uploaded
 * @param sha256 hex digest of the file as uploaded (what {@code sha256sum} prints for it)
 */
public record DatasetInfo(String name, String tenant, List<String> columns, long rows, long bytes, String sha256,
                          Instant createdAt) {
    public DatasetInfo {
        columns = List.copyOf(columns);
    }
}
