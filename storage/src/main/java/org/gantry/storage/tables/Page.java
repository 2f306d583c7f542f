package org.gantry.storage.tables;

import java.util.List;
import java.util.Optional;

/**
 * Rows of one {@link Table#page} call, and a cursor when more rows follow: pass it to
 * {@link Scan#after} for the next page. The cursor is the last row's key, so a row written or
 * deleted between pages neither repeats nor shifts the rest.
 */
public record Page(List<Row> rows, Optional<byte[]> cursor) {}
