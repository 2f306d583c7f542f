package org.gantry.storage.rocks;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The objects behind the last few thousand tagged writes, by their {@link TagOrdering}, so that a
 * live query following the writes (the job table) takes the event the writer already had instead
 * of reading its bytes back and decoding them again. A bounded ring: a reader that fell further
 * behind, or a value that was never put, reads the database as before.
 *
 * <p>Put on the writer thread before the group commits; a reader asks only for orderings it found
 * in the tag index, which shows them only once committed. Deletions clear the ring (see
 * {@code RocksJournal}), so a deleted event is never served from here.
 */
public final class RecentlyWritten {

    private record Slot(long ordering, Object value) {}

    private final AtomicReferenceArray<Slot> slots;

    public RecentlyWritten(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.slots = new AtomicReferenceArray<>(capacity);
    }

    public void put(long ordering, Object value) {
        slots.set(index(ordering), new Slot(ordering, value));
    }

    /** The value put at {@code ordering}, or null when it was overwritten, cleared or never put. */
    public Object get(long ordering) {
        Slot slot = slots.get(index(ordering));
        return slot != null && slot.ordering() == ordering ? slot.value() : null;
    }

    public void clear() {
        for (int i = 0; i < slots.length(); i++) {
            slots.set(i, null);
        }
    }

    private int index(long ordering) {
        return (int) Math.floorMod(ordering, (long) slots.length());
    }
}
