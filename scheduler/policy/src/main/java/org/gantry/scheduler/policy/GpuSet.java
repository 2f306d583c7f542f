package org.gantry.scheduler.policy;

import java.util.Arrays;
import java.util.List;

/**
 * A set of GPU indices on one node, as a 64-bit mask: nodes have at most {@link #MAX_INDEX}+1
 * GPUs, and set algebra on a long costs nothing in a pass that places thousands of jobs.
 */
public record GpuSet(long bits) {
    public static final int MAX_INDEX = 63;
    public static final GpuSet EMPTY = new GpuSet(0L);

    public static GpuSet of(int... indices) {
        long bits = 0L;
        for (int index : indices) {
            if (index < 0 || index > MAX_INDEX) {
                throw new IllegalArgumentException("GPU index must be in [0, " + MAX_INDEX + "], got " + index);
            }
            bits |= 1L << index;
        }
        return new GpuSet(bits);
    }

    public static GpuSet of(List<Integer> indices) {
        return of(indices.stream().mapToInt(Integer::intValue).toArray());
    }

    /** GPUs {@code 0..count-1}. */
    public static GpuSet firstN(int count) {
        if (count < 0 || count > MAX_INDEX + 1) {
            throw new IllegalArgumentException("a node has 0.." + (MAX_INDEX + 1) + " GPUs, got " + count);
        }
        return new GpuSet(count == 64 ? -1L : (1L << count) - 1);
    }

    public int size() {
        return Long.bitCount(bits);
    }

    public boolean isEmpty() {
        return bits == 0L;
    }

    public boolean contains(int index) {
        return index >= 0 && index <= MAX_INDEX && (bits & (1L << index)) != 0;
    }

    public boolean containsAll(GpuSet other) {
        return (bits & other.bits) == other.bits;
    }

    public boolean intersects(GpuSet other) {
        return (bits & other.bits) != 0;
    }

    public GpuSet union(GpuSet other) {
        return new GpuSet(bits | other.bits);
    }

    public GpuSet minus(GpuSet other) {
        return new GpuSet(bits & ~other.bits);
    }

    /** The {@code count} lowest-numbered GPUs of this set; deterministic, so the same input gives the same plan. */
    public GpuSet lowest(int count) {
        if (count < 0 || count > size()) {
            throw new IllegalArgumentException("cannot take " + count + " GPUs from " + this);
        }
        long taken = 0L;
        long rest = bits;
        for (int i = 0; i < count; i++) {
            long lowestBit = Long.lowestOneBit(rest);
            taken |= lowestBit;
            rest &= ~lowestBit;
        }
        return new GpuSet(taken);
    }

    /** The {@code count} highest-numbered GPUs: what a shrinking job gives back, keeping its low GPUs. */
    public GpuSet highest(int count) {
        if (count < 0 || count > size()) {
            throw new IllegalArgumentException("cannot take " + count + " GPUs from " + this);
        }
        return minus(lowest(size() - count));
    }

    public int[] indices() {
        int[] indices = new int[size()];
        long rest = bits;
        for (int i = 0; i < indices.length; i++) {
            indices[i] = Long.numberOfTrailingZeros(rest);
            rest &= rest - 1;
        }
        return indices;
    }

    @Override
    public String toString() {
        return Arrays.toString(indices());
    }
}
