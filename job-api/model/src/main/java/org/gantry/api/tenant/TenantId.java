package org.gantry.api.tenant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.gantry.api.Names;

/** A tenant: a team or project that owns jobs and quotas. */
public record TenantId(@JsonValue String value) implements Comparable<TenantId> {
    public TenantId {
        Names.require(value, "tenant name");
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING) // one string, whatever a mapper prefers
    public static TenantId of(String value) {
        return new TenantId(value);
    }

    @Override
    public int compareTo(TenantId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
