package org.gantry.storage.objects;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A tenant's uploaded dataset, by name. Belongs to no job: its key starts with a zero byte (a job
 * id never does), so datasets sort before every job's objects and never fall in a job's range.
 */
public record DatasetKey(String tenant, String name) implements ObjectKey {

    public DatasetKey {
        ObjectKey.requireName("tenant", tenant);
        ObjectKey.requireName("dataset name", name);
    }

    @Override
    public String describe() {
        return "dataset " + name + " of tenant " + tenant;
    }

    @Override
    public byte[] encode() {
        byte[] prefix = tenantPrefix(tenant);
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(prefix.length + nameBytes.length).put(prefix).put(nameBytes).array();
    }

    /** The first key of a tenant's datasets; all of them lie in [this, tenantEnd). */
    static byte[] tenantPrefix(String tenant) {
        ObjectKey.requireName("tenant", tenant);
        byte[] tenantBytes = tenant.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(tenantBytes.length + 3).put((byte) 0).put(ObjectKey.DATASET).put(tenantBytes)
                .put((byte) 0).array();
    }

    /** The first key of any dataset; all of them lie in [this, allEnd). */
    static byte[] allPrefix() {
        return new byte[] {0, ObjectKey.DATASET};
    }

    static byte[] allEnd() {
        return new byte[] {0, (byte) (ObjectKey.DATASET + 1)};
    }

    static byte[] tenantEnd(String tenant) {
        byte[] end = tenantPrefix(tenant);
        end[end.length - 1]++;
        return end;
    }

    static DatasetKey decode(byte[] key) {
        int separator = 2;
        while (key[separator] != 0) {
            separator++;
        }
        return new DatasetKey(new String(key, 2, separator - 2, StandardCharsets.UTF_8),
                new String(key, separator + 1, key.length - separator - 1, StandardCharsets.UTF_8));
    }
}
