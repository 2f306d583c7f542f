package org.gantry.scheduler.control;

/**
 * What the journal or the snapshot store keeps, bound to Pekko's {@code jackson-cbor} serializer
 * in this module's {@code reference.conf}. Such types are the journal's schema: they hold no API
 * records (those change with the API), and each change to one comes with a version bump and a
 * {@code JacksonMigration} that reads what older builds wrote. They never cross JVMs, so they are
 * not {@code ClusterMessage}s.
 */
public interface Persisted {}
