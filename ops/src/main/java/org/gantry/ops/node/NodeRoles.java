package org.gantry.ops.node;

import org.gantry.scheduler.control.ControlPlane;

/** The cluster roles a Gantry JVM can take. */
public final class NodeRoles {
    /** Runs the control plane: scheduler and tenant singletons, job entities, REST. */
    public static final String CONTROL = ControlPlane.ROLE;
    /** Runs node agents for GPU nodes. */
    public static final String GPU_NODE = org.gantry.api.protocol.MemberRoles.GPU_NODE;

    private NodeRoles() {}
}
