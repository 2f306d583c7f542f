package org.gantry.api.service;

/**
 * A page of {@code GET /queue}: skip the first {@code offset} entries the caller may see, then
 * take up to {@code limit}. The default page is the whole (capped) queue, as before paging.
 */
public record QueueQuery(int offset, int limit) {
    /** The most entries one page carries, and the default: old clients get what they always got. */
    public static final int MAX_LIMIT = 10_000;
    public static final QueueQuery FIRST = new QueueQuery(0, MAX_LIMIT);

    public QueueQuery {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, got " + offset);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
    }
}
