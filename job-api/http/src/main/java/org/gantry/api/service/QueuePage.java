package org.gantry.api.service;

import java.util.List;

/**
 * One page of the queue: its entries, how many pending jobs the caller may see in all, and the
 * {@code offset} of the next page (null on the last one).
 */
public record QueuePage(List<QueueEntry> queue, int total, Integer nextOffset) {
    public QueuePage {
        queue = List.copyOf(queue);
    }

    /** The page {@code query} asks for, cut from the whole visible queue (for small queues and fakes). */
    public static QueuePage of(List<QueueEntry> all, QueueQuery query) {
        int from = Math.min(query.offset(), all.size());
        int to = (int) Math.min((long) from + query.limit(), all.size());
        return new QueuePage(all.subList(from, to), all.size(), to < all.size() ? to : null);
    }
}
