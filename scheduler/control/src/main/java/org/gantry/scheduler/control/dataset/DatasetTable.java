package org.gantry.scheduler.control.dataset;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.gantry.api.dataset.DatasetInfo;
import org.gantry.api.json.GantryJson;
import org.gantry.api.tenant.TenantId;
import org.gantry.storage.tables.Page;
import org.gantry.storage.tables.Scan;
import org.gantry.storage.tables.Table;
import org.gantry.storage.tables.Tables;

/**
 * What each uploaded dataset holds (columns, rows, size, digest), in table {@value #NAME} beside
 * the journal, keyed by tenant and name: the listing and the submit-time check read it without
 * touching the CSV, whose bytes live in the object store under a {@code DatasetKey}. Blocking:
 * call it from an I/O thread.
 */
public final class DatasetTable {
    static final String NAME = "datasets";
    private static final byte SEPARATOR = 0;
    /** Reads rows written by newer builds too: a field they added is ignored, not an error. */
    private static final ObjectMapper JSON = GantryJson.mapper().copy()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final int SCAN_PAGE = 1_000;

    private final Table rows;

    DatasetTable(Tables tables) {
        this.rows = tables.table(NAME);
    }

    /** The table in the store the journal writes (the directory under {@code gantry.storage}). */
    public static DatasetTable open(ActorSystem<?> system) {
        return new DatasetTable(Tables.of(Adapter.toClassic(system)));
    }

    public Optional<DatasetInfo> get(TenantId tenant, String name) {
        return rows.get(key(tenant, name)).map(DatasetTable::decode);
    }

    /** The datasets of {@code tenant} (of every tenant when null), by tenant and name. */
    public List<DatasetInfo> list(TenantId tenant) {
        Scan scan = tenant == null ? Scan.all() : Scan.prefix(prefix(tenant));
        List<DatasetInfo> found = new ArrayList<>();
        Page page = rows.page(scan, SCAN_PAGE);
        while (true) {
            page.rows().forEach(row -> found.add(decode(row.value())));
            if (page.cursor().isEmpty()) {
                return found;
            }
            page = rows.page(scan.after(page.cursor().get()), SCAN_PAGE);
        }
    }

    public CompletableFuture<Void> put(DatasetInfo dataset) {
        return rows.put(key(new TenantId(dataset.tenant()), dataset.name()), encode(dataset));
    }

    public CompletableFuture<Void> delete(TenantId tenant, String name) {
        return rows.delete(key(tenant, name));
    }

    private static byte[] prefix(TenantId tenant) {
        byte[] tenantPart = tenant.value().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(tenantPart.length + 1).put(tenantPart).put(SEPARATOR).array();
    }

    /** Tenant and dataset names are DNS labels: no zero byte, so the prefix scan is exact. */
    private static byte[] key(TenantId tenant, String name) {
        byte[] prefix = prefix(tenant);
        byte[] namePart = name.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(prefix.length + namePart.length).put(prefix).put(namePart).array();
    }

    private static byte[] encode(DatasetInfo dataset) {
        try {
            return JSON.writeValueAsBytes(dataset);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DatasetInfo decode(byte[] value) {
        try {
            return JSON.readValue(value, DatasetInfo.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable row in table " + NAME, e);
        }
    }
}
