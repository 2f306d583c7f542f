package org.gantry.storage.rocks;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.rocksdb.RocksIterator;

/**
 * The global ordering of tagged events, the offset that {@code eventsByTag} hands out. Only
 * {@link BatchWork} running on the writer thread advances it, so orderings follow commit order:
 * the group holding ordering n is written, and becomes visible to readers, before any group
 * holding a higher one. A reader's iterator sees a prefix of that order, so once it has seen n it
 * never later finds an event below n. Orderings of a failed write are skipped, never reused.
 *
 * <p>It also keeps, per tag, the highest ordering readers can see ({@link #visible}): a projection
 * that has processed up to it has seen every event of the tag committed before the call.
 *
 * <p>Recovered at open as the highest ordering in the tag index. Index entries are never deleted
 * (queries skip entries whose event is gone), so the highest one outlives every deletion.
 */
public final class TagOrdering {

    // UTF-8 never contains 0xFF, so every tag key sorts below this.
    private static final byte[] PAST_LAST = {(byte) 0xFF};

    private long highest;
    private final Map<String, Long> visible = new ConcurrentHashMap<>();

    private TagOrdering(long highest) {
        this.highest = highest;
    }

    /** Reads the highest ordering of every tag: one seek per distinct tag. */
    static TagOrdering recover(RocksStore store) {
        long highest = 0;
        Map<String, Long> heads = new HashMap<>();
        try (RangeIterator range = new RangeIterator(store, Family.TAGS, new byte[0], PAST_LAST)) {
            RocksIterator raw = range.raw();
            raw.seekToFirst();
            while (range.valid()) {
                String tag = TagKey.tag(raw.key());
                raw.seekForPrev(TagKey.of(tag, Long.MAX_VALUE));
                long last = TagKey.ordering(raw.key());
                heads.put(tag, last);
                highest = Math.max(highest, last);
                raw.seek(TagKey.tagEnd(tag));
            }
        }
        TagOrdering ordering = new TagOrdering(highest);
        ordering.visible.putAll(heads);
        return ordering;
    }

    /** After a commit is visible: {@code heads} holds each tag's highest ordering in it. */
    public void published(Map<String, Long> heads) {
        heads.forEach((tag, head) -> visible.merge(tag, head, Math::max));
    }

    /** The highest ordering of {@code tag} that readers can see; 0 when none. */
    public long visible(String tag) {
        return visible.getOrDefault(tag, 0L);
    }

    /** The next ordering; call only from a {@link BatchWork}. */
    public long next() {
        return ++highest;
    }
}
