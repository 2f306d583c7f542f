package org.gantry.storage.objects;

import com.typesafe.config.Config;

/**
 * @param chunkSize bytes per chunk; a stream holds one chunk in memory at a time
 * @param keepLastCheckpoints checkpoints kept per job; older ones go when a newer one is stored
 */
public record ObjectSettings(int chunkSize, int keepLastCheckpoints) {

    public ObjectSettings {
        if (chunkSize < 4096 || chunkSize > 64 * 1024 * 1024) {
            throw new IllegalArgumentException("chunk size must be within 4 KiB..64 MiB, was " + chunkSize);
        }
        if (keepLastCheckpoints < 1) {
            throw new IllegalArgumentException("keep-last-checkpoints must be at least 1, was " + keepLastCheckpoints);
        }
    }

    public static ObjectSettings defaults() {
        return new ObjectSettings(1024 * 1024, 5);
    }

    /** Reads {@code gantry.storage.objects}: {@code chunk-size}, {@code keep-last-checkpoints}. */
    public static ObjectSettings fromConfig(Config objects) {
        return new ObjectSettings((int) objects.getBytes("chunk-size").longValue(), objects.getInt("keep-last-checkpoints"));
    }
}
