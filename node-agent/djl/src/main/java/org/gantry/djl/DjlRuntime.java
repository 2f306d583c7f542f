package org.gantry.djl;

import ai.djl.engine.Engine;

/**
 * DJL as Gantry runs it: the PyTorch engine from the natives on the classpath
 * ({@code pytorch-native-cpu}), offline, so a node without internet access never tries to
 * download an engine or a model. DJL unpacks the natives once into its cache
 * ({@code ~/.djl.ai}, or {@code DJL_CACHE_DIR}; the temporary directory when home is read-only).
 *
 * <p>PyTorch runs each operation on one thread unless told otherwise
 * ({@code -Dai.djl.pytorch.num_threads=N}): Gantry's MLPs are small, an operation on a batch of 32
 * rows is over before a thread pool wakes, and OpenMP threads spinning on a shared node slow
 * everyone down (measured here: several times slower under load). A server gets its parallelism
 * from concurrent requests instead.
 */
final class DjlRuntime {
    private static final String OFFLINE = "ai.djl.offline";
    private static final String THREADS = "ai.djl.pytorch.num_threads";
    private static final String INTEROP_THREADS = "ai.djl.pytorch.num_interop_threads";

    private DjlRuntime() {}

    /**
     * The engine, loaded offline and single-threaded unless the caller chose otherwise
     * ({@code -Dai.djl.offline} or {@code DJL_OFFLINE}; the thread properties). The settings count
     * only before DJL's first use in the JVM.
     */
    static Engine engine() {
        if (System.getProperty(OFFLINE) == null && System.getenv("DJL_OFFLINE") == null) {
            System.setProperty(OFFLINE, "true");
        }
        if (System.getProperty(THREADS) == null) {
            System.setProperty(THREADS, "1");
        }
        if (System.getProperty(INTEROP_THREADS) == null) {
            System.setProperty(INTEROP_THREADS, "1");
        }
        return Engine.getEngine("PyTorch");
    }
}
