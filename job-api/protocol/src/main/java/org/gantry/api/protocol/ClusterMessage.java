package org.gantry.api.protocol;

/**
 * Marks a message that crosses JVMs (control plane ↔ agents, persisted events, snapshots).
 * Bound to Pekko's Jackson CBOR serializer in this module's {@code reference.conf}, with
 * Gantry's own Jackson module so records read back through the same validating readers.
 */
public interface ClusterMessage {}
