package org.gantry.scheduler.control.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.gantry.api.json.GantryJson;
import org.gantry.api.tenant.TenantId;
import org.gantry.storage.tables.Page;
import org.gantry.storage.tables.Row;
import org.gantry.storage.tables.Scan;
import org.gantry.storage.tables.Table;
import org.gantry.storage.tables.TableWrite;
import org.gantry.storage.tables.Tables;

/**
 * The trained models, in RocksDB beside the journal: table {@value #VERSIONS} keyed by tenant,
 * name and version (so a prefix scan lists a tenant's models and a reversed one finds the newest
 * version), and table {@value #BY_ATTEMPT} naming the version each training attempt produced, so
 * a repeated report never adds a second one. Only the {@link ModelRegistry} writes; anyone reads.
 */
public final class ModelTable {
    static final String VERSIONS = "models";
    static final String BY_ATTEMPT = "model-by-attempt";
    private static final byte SEPARATOR = 0;
    /** Reads rows written by newer builds too: a field they added is ignored, not an error. */
    private static final ObjectMapper JSON = GantryJson.mapper().copy()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final int SCAN_PAGE = 1_000;

    private final Tables tables;
    private final Table versions;
    private final Table byAttempt;

    ModelTable(Tables tables) {
        this.tables = tables;
        this.versions = tables.table(VERSIONS);
        this.byAttempt = tables.table(BY_ATTEMPT);
    }

    /** The table in the store the journal writes (the directory under {@code gantry.storage}). */
    public static ModelTable open(ActorSystem<?> system) {
        return new ModelTable(Tables.of(Adapter.toClassic(system)));
    }

    public Optional<StoredModel> newest(TenantId tenant, String name) {
        Page page = versions.page(Scan.prefix(prefix(tenant, name)).reversed(), 1);
        return page.rows().stream().findFirst().map(ModelTable::decode);
    }

    public Optional<StoredModel> version(TenantId tenant, String name, int version) {
        return versions.get(key(tenant.value(), name, version)).map(ModelTable::decode);
    }

    /** Every version of one model, newest first. */
    public List<StoredModel> versions(TenantId tenant, String name) {
        return scan(Scan.prefix(prefix(tenant, name)).reversed());
    }

    /** The newest version of each model of {@code tenant} (of everyone's when null), by tenant and name. */
    public List<StoredModel> newestOfEach(TenantId tenant) {
        Scan scan = tenant == null ? Scan.all() : Scan.prefix(prefix(tenant));
        Map<String, StoredModel> newest = new LinkedHashMap<>();
        for (StoredModel model : scan(scan)) {
            newest.put(model.tenant() + '/' + model.name(), model); // ascending versions: the last one wins
        }
        return List.copyOf(newest.values());
    }

    /** The version a training attempt produced, if it was registered. */
    public Optional<StoredModel> byAttempt(String job, int attempt) {
        return byAttempt.get(attemptKey(job, attempt)).flatMap(key -> versions.get(key)).map(ModelTable::decode);
    }

    CompletableFuture<Void> add(StoredModel model) {
        byte[] key = key(model.tenant(), model.name(), model.version());
        TableWrite write = new TableWrite()
                .put(versions, key, encode(model))
                .put(byAttempt, attemptKey(model.job(), model.attempt()), key);
        return tables.commit(write);
    }

    private List<StoredModel> scan(Scan scan) {
        List<StoredModel> found = new ArrayList<>();
        Page page = versions.page(scan, SCAN_PAGE);
        while (true) {
            page.rows().stream().map(ModelTable::decode).forEach(found::add);
            if (page.cursor().isEmpty()) {
                return found;
            }
            page = versions.page(scan.after(page.cursor().get()), SCAN_PAGE);
        }
    }

    private static byte[] prefix(TenantId tenant) {
        return ByteBuffer.allocate(utf8(tenant.value()).length + 1).put(utf8(tenant.value())).put(SEPARATOR).array();
    }

    private static byte[] prefix(TenantId tenant, String name) {
        byte[] tenantPart = prefix(tenant);
        byte[] namePart = utf8(name);
        return ByteBuffer.allocate(tenantPart.length + namePart.length + 1).put(tenantPart).put(namePart)
                .put(SEPARATOR).array();
    }

    /** Tenant and model names are DNS labels (no zero byte), and versions sort as big-endian ints. */
    private static byte[] key(String tenant, String name, int version) {
        byte[] prefix = prefix(new TenantId(tenant), name);
        return ByteBuffer.allocate(prefix.length + Integer.BYTES).put(prefix).putInt(version).array();
    }

    private static byte[] attemptKey(String job, int attempt) {
        byte[] jobPart = utf8(job);
        return ByteBuffer.allocate(jobPart.length + 1 + Integer.BYTES).put(jobPart).put(SEPARATOR).putInt(attempt).array();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] encode(StoredModel model) {
        try {
            return JSON.writeValueAsBytes(model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static StoredModel decode(Row row) {
        return decode(row.value());
    }

    private static StoredModel decode(byte[] value) {
        try {
            return JSON.readValue(value, StoredModel.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable row in table " + VERSIONS, e);
        }
    }
}
