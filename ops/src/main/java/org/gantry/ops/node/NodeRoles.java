package org.gantry.ops.node;

/** The cluster roles a Gantry JVM can take. */
public final class NodeRoles {
    /** Runs the control plane: scheduler and tenant singletons, job entities, REST. */
    public static final String CONTROL = "control";
    /** Runs node agents for GPU nodes. */
    public static final String GPU_NODE = "gpu-node";

    private NodeRoles() {}
}
