package org.gantry.api.cluster;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.gantry.api.Names;

/** A GPU node, by the name its agent registered with. */
public record NodeId(@JsonValue String value) implements Comparable<NodeId> {
    public NodeId {
        Names.require(value, "node name");
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING) // one string, whatever a mapper prefers
    public static NodeId of(String value) {
        return new NodeId(value);
    }

    @Override
    public int compareTo(NodeId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
