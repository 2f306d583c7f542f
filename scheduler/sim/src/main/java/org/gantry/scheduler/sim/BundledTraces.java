package org.gantry.scheduler.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The real traces that ship inside Gantry (gzip-compressed resources beside this class), so the
 * simulator, its tests and {@code gantry simulate --trace philly} need nothing outside the
 * repository or the jar. Provenance is in {@code traces/README.md} beside them.
 */
public final class BundledTraces {
    /** Microsoft's Philly cluster, Sept–Dec 2017: 82,247 jobs, the virtual cluster as tenant. */
    public static final String PHILLY = "philly";
    /** The Tiresias simulator's 60-job sample. */
    public static final String TIRESIAS_60 = "tiresias-60";

    private BundledTraces() {}

    public static List<String> names() {
        return List.of(PHILLY, TIRESIAS_60);
    }

    public static boolean has(String name) {
        return names().contains(name);
    }

    public static Trace read(String name, TraceReader.Selection selection) {
        if (!has(name)) {
            throw new IllegalArgumentException("no bundled trace '" + name + "'; bundled: " + names());
        }
        String resource = "traces/" + name + ".csv.gz";
        try (InputStream in = BundledTraces.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the bundled trace " + resource + " is missing from the classpath");
            }
            return TraceReader.read(Path.of(name + ".csv"), in, selection);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled trace " + name + ": " + e.getMessage(), e);
        }
    }
}
