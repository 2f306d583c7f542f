package org.gantry.scheduler.control.objects;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * {@code gantry.checkpoints}: how long a finished job's checkpoints stay, how often they are
 * looked for, the size of the stream elements objects travel in, and how many of them an upload
 * asks for ahead (the stream ref's buffer: throughput over one connection's round trips).
 */
public record ObjectStoreSettings(Duration retention, Duration sweepInterval, int elementSize, int bufferElements) {
    /** Artery's default maximum frame; an element must fit in one with room for its envelope. */
    static final int MAX_ELEMENT = 192 * 1024;

    public ObjectStoreSettings {
        if (retention.isNegative() || sweepInterval.isNegative() || sweepInterval.isZero()) {
            throw new IllegalArgumentException("gantry.checkpoints: retention must be >= 0 and sweep-interval > 0");
        }
        if (bufferElements < 1 || bufferElements > 1024) {
            throw new IllegalArgumentException("gantry.checkpoints.buffer-elements must be within 1..1024, was "
                    + bufferElements);
        }
        if (elementSize < 4096 || elementSize > MAX_ELEMENT) {
            throw new IllegalArgumentException("gantry.checkpoints.element-size must be within 4 KiB.."
                    + MAX_ELEMENT / 1024 + " KiB, was " + elementSize);
        }
    }

    public static ObjectStoreSettings from(Config config) {
        Config c = config.getConfig("gantry.checkpoints");
        return new ObjectStoreSettings(c.getDuration("retention"), c.getDuration("sweep-interval"),
                (int) c.getBytes("element-size").longValue(), c.getInt("buffer-elements"));
    }
}
