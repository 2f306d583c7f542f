package org.gantry.storage.bench;

/** The event benchmark and crash-test writers persist, serialised with Jackson CBOR like Gantry's own. */
public record BenchEvent(String writer, long n, String padding) {}
