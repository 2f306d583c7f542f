package org.gantry.storage.tables;

/** One entry of a table. The arrays are the caller's to keep; records compare them by identity. */
public record Row(byte[] key, byte[] value) {}
