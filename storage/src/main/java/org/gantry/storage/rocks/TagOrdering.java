package org.gantry.storage.rocks;

import org.rocksdb.RocksIterator;

/**
 * The global ordering of tagged events, the offset that {@code eventsByTag} hands out. Only
 * {@link BatchWork} running on the writer thread advances it, so orderings follow commit order:
 * the group holding ordering n is written, and becomes visible to readers, before any group
 * holding a higher one. A reader's iterator sees a prefix of that order, so once it has seen n it
 * never later finds an event below n. Orderings of a failed write are skipped, never reused.
 *
 * <p>Recovered at open as the highest ordering in the tag index. Index entries are never deleted
 * (queries skip entries whose event is gone), so the highest one outlives every deletion.
 */
public final class TagOrdering {

    // UTF-8 never contains 0xFF, so every tag key sorts below this.
    private static final byte[] PAST_LAST = {(byte) 0xFF};

    private long highest;

    private TagOrdering(long highest) {
        this.highest = highest;
    }

    /** Reads the highest ordering of every tag: one seek per distinct tag. */
    static TagOrdering recover(RocksStore store) {
        long highest = 0;
        try (RangeIterator range = new RangeIterator(store, Family.TAGS, new byte[0], PAST_LAST)) {
            RocksIterator raw = range.raw();
            raw.seekToFirst();
            while (range.valid()) {
                String tag = TagKey.tag(raw.key());
                raw.seekForPrev(TagKey.of(tag, Long.MAX_VALUE));
                highest = Math.max(highest, TagKey.ordering(raw.key()));
                raw.seek(TagKey.tagEnd(tag));
            }
        }
        return new TagOrdering(highest);
    }

    /** The next ordering; call only from a {@link BatchWork}. */
    public long next() {
        return ++highest;
    }
}
