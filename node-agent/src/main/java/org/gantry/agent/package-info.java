/**
 * The Gantry node agent, the actor on each GPU node: GPU discovery, heartbeats, workload
 * runners (process, DJL training, DJL serving), logs and checkpoint shipping.
 *
 * <p>Depends on {@code job-api/model} and {@code job-api/protocol} (not on the REST side), and
 * on {@code storage} only for the client side of checkpoints.
 */
package org.gantry.agent;
