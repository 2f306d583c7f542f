package org.gantry.api.cluster;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.gantry.api.Names;

/** A resource pool: a set of nodes that quotas are granted in (for example one GPU model). */
public record PoolId(@JsonValue String value) implements Comparable<PoolId> {
    /** The pool a job or node lands in when it names none. */
    public static final PoolId DEFAULT = new PoolId("default");

    public PoolId {
        Names.require(value, "pool name");
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING) // one string, whatever a mapper prefers
    public static PoolId of(String value) {
        return new PoolId(value);
    }

    @Override
    public int compareTo(PoolId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
