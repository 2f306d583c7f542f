package org.gantry.api.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gantry.api.Names;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.tenant.PoolQuota;
import org.gantry.api.tenant.TenantId;
import org.gantry.api.tenant.TenantSpec;
import org.gantry.api.validation.ReadResult;
import org.gantry.api.validation.Violations;

/**
 * Reads a tenant spec, {@code {"name": "vision", "quotas": {"default": {"guaranteed": 16, "limit": 32}}}},
 * reporting every problem at its JSON path. A quota's {@code limit} defaults to its guarantee: no borrowing.
 */
public final class TenantSpecReader {
    private static final List<String> FIELDS = List.of("name", "quotas");
    private static final List<String> QUOTA_FIELDS = List.of("guaranteed", "limit");

    private TenantSpecReader() {}

    public static ReadResult<TenantSpec> read(String json) {
        return JsonBodies.parse(json).flatMap(TenantSpecReader::read);
    }

    public static ReadResult<TenantSpec> read(byte[] json) {
        return JsonBodies.parse(json).flatMap(TenantSpecReader::read);
    }

    public static ReadResult<TenantSpec> read(JsonNode body) {
        Violations violations = new Violations();
        TreeReader reader = new TreeReader(violations);
        Fields fields = JsonBodies.rootObject(reader, body);
        if (fields == null) {
            return new ReadResult.Invalid<>(violations.list());
        }
        fields.allowOnly(FIELDS);
        String name = reader.name(fields.required("name"), "tenant name");
        Map<PoolId, PoolQuota> quotas = quotas(reader, fields.optional("quotas"));
        return violations.result(() -> new TenantSpec(new TenantId(name), quotas));
    }

    private static Map<PoolId, PoolQuota> quotas(TreeReader reader, At at) {
        Fields pools = reader.object(at);
        if (pools == null) {
            return null;
        }
        Map<PoolId, PoolQuota> quotas = new LinkedHashMap<>();
        for (Map.Entry<String, At> entry : pools.entries()) {
            if (!Names.isValid(entry.getKey())) {
                // The key itself is at fault, so point at the map that holds it.
                reader.report(at.path(), Quoting.quote(entry.getKey()) + " is not a valid pool name: use "
                        + Names.rule());
                continue;
            }
            PoolQuota quota = quota(reader, entry.getValue());
            if (quota != null) {
                quotas.put(new PoolId(entry.getKey()), quota);
            }
        }
        return quotas;
    }

    private static PoolQuota quota(TreeReader reader, At at) {
        Fields fields = reader.object(at);
        if (fields == null) {
            if (!at.present()) {
                reader.report(at.path(), "must be an object like {\"guaranteed\": 16, \"limit\": 32}, got null");
            }
            return null;
        }
        fields.allowOnly(QUOTA_FIELDS);
        Integer guaranteed = reader.integer(fields.required("guaranteed"), 0, PoolQuota.UNLIMITED);
        At limitAt = fields.optional("limit");
        Integer limit = reader.integer(limitAt, 0, PoolQuota.UNLIMITED);
        if (guaranteed == null || (limit == null && limitAt.present())) {
            return null;
        }
        if (limit == null) {
            return new PoolQuota(guaranteed, guaranteed);
        }
        if (limit < guaranteed) {
            reader.report(limitAt.path(), "must be at least guaranteed (" + guaranteed + "), got " + limit);
            return null;
        }
        return new PoolQuota(guaranteed, limit);
    }
}
