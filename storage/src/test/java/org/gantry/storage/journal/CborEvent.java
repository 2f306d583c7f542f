package org.gantry.storage.journal;

/** Marks test events bound to Jackson CBOR in {@code TestStores.persistenceConfig}. */
public interface CborEvent {}
