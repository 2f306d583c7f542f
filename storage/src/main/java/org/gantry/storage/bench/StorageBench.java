package org.gantry.storage.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.gantry.storage.bench.StorageBenchReport.JournalPoint;
import org.gantry.storage.bench.StorageBenchReport.ObjectStorePoint;
import org.gantry.storage.bench.StorageBenchReport.Targets;

/**
 * {@code gantry bench storage}: journal throughput at each writer count next to the raw RocksDB
 * baseline measured in the same run, then checkpoint store throughput for both chunk layouts.
 * Every measurement gets a fresh data directory under the work directory.
 */
public final class StorageBench {

    private StorageBench() {}

    public static StorageBenchReport run(StorageBenchOptions options) throws Exception {
        Path root = Files.createDirectories(options.workDir()).resolve("storage-bench-" + System.nanoTime());
        try {
            Duration warmUp = options.perPoint().dividedBy(3);
            List<JournalPoint> journal = new ArrayList<>();
            int run = 0;
            for (int writers : options.writers()) {
                double raw = RawWriteBench.eventsPerSecond(root.resolve("raw-" + run), writers, warmUp, options.perPoint());
                JournalBench.Result viaJournal = JournalBench.measure(root.resolve("journal-" + run), writers, warmUp,
                        options.perPoint());
                journal.add(new JournalPoint(writers, viaJournal.eventsPerSecond(), raw,
                        viaJournal.eventsPerSecond() / raw, viaJournal.eventsPerSync()));
                run++;
            }
            List<ObjectStorePoint> objects = List.of(
                    ObjectStoreBench.measure(root.resolve("objects-blob"), true, options.objectBytes(), options.objectCount()),
                    ObjectStoreBench.measure(root.resolve("objects-sst"), false, options.objectBytes(), options.objectCount()));
            JournalPoint largest = journal.stream().max(Comparator.comparingInt(JournalPoint::writers)).orElseThrow();
            Targets targets = new Targets(largest.writers(), largest.journalToRaw() >= 0.7,
                    largest.journalEventsPerSecond() >= 20_000);
            return new StorageBenchReport(journal, objects, targets);
        } finally {
            deleteRecursively(root);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
