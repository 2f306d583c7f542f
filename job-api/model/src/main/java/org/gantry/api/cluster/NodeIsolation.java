package org.gantry.api.cluster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Objects;

/**
 * How a node keeps its jobs apart, as {@code GET /api/v1/nodes} shows it: {@value #TENANT_UID}
 * (each tenant's jobs under a uid of their own, each job in a cgroup) or {@value #NONE} (jobs
 * run as the agent's user and could read its files), with words that say how or why not.
 */
public record NodeIsolation(String mode, String detail) {
    public static final String TENANT_UID = "tenant-uid";
    public static final String NONE = "none";
    /** What a node that never said (an older agent) is taken to have. */
    public static final NodeIsolation UNKNOWN = new NodeIsolation(NONE, "the agent did not report its isolation");

    public NodeIsolation {
        Objects.requireNonNull(mode, "mode");
        detail = detail == null ? "" : detail;
    }

    public static NodeIsolation none(String reason) {
        return new NodeIsolation(NONE, reason);
    }

    @JsonIgnore
    public boolean isolated() {
        return !NONE.equals(mode);
    }
}
