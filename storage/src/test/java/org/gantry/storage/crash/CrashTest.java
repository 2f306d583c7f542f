package org.gantry.storage.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.persistence.PersistentRepr;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.testkit.javadsl.TestKit;
import org.gantry.storage.bench.BenchEvent;
import org.gantry.storage.journal.EventCodec;
import org.gantry.storage.journal.EventCursor;
import org.gantry.storage.journal.JournalReader;
import org.gantry.storage.rocks.RocksStore;
import org.gantry.storage.rocks.StoreSettings;
import org.gantry.storage.testing.ChildJvm;
import org.gantry.storage.testing.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * kill -9 at random moments: a child JVM ({@link CrashWriterMain}) writes events from many
 * persistent actors and reports each acknowledged write on stdout; the parent kills it, reopens
 * the data directory and checks that it opens, that every acknowledged event is there with the
 * right content, and that no id's sequence numbers have a hole. The next child recovers from
 * what the last one left and writes on. Odd cycles kill at a random moment from the process's
 * start, so some kills land during startup and recovery; even cycles wait for the child's first
 * acknowledgement and kill at a random moment after it, so writes are killed mid-flight however
 * slowly a loaded machine starts a JVM.
 */
class CrashTest {

    private static final int CYCLES = 30;
    private static final int WRITERS = 32;

    private final Path dir = TestStores.tempDir("crash");
    private final Map<String, Long> acknowledged = new ConcurrentHashMap<>();

    @AfterEach
    void cleanUp() {
        TestStores.deleteRecursively(dir);
    }

    @Test
    void everyAcknowledgedWriteSurvivesKillDashNine() throws Exception {
        Random random = new Random();
        long seed = random.nextLong();
        random.setSeed(seed);
        ActorSystem verifier = ActorSystem.create("crash-verifier", TestStores.persistenceConfig(dir, true));
        EventCodec codec = new EventCodec(SerializationExtension.get(verifier));
        long totalAcked = 0;
        try {
            for (int cycle = 1; cycle <= CYCLES; cycle++) {
                Process child = ChildJvm.start(CrashWriterMain.class, dir.toString(), String.valueOf(WRITERS));
                CountDownLatch writing = new CountDownLatch(1);
                Thread reader = readAcknowledgements(child, writing);
                if (cycle % 2 == 1) {
                    Thread.sleep(800 + random.nextInt(1700));
                } else {
                    writing.await(60, TimeUnit.SECONDS);
                    Thread.sleep(random.nextInt(1000));
                }
                // SIGKILL through the handle: Process.destroyForcibly() would also close our end of
                // the child's stdout and lose acknowledgements still in the pipe.
                child.toHandle().destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
                reader.join(10_000);

                totalAcked = verify(codec, cycle, seed);
            }
        } finally {
            TestKit.shutdownActorSystem(verifier);
        }
        System.out.printf("crash test: %d kill -9 cycles, %d writers, %d acknowledged events, 0 lost%n",
                CYCLES, WRITERS, totalAcked);
        assertThat(totalAcked).as("the children got to write").isGreaterThan(CYCLES * 10L);
    }

    private Thread readAcknowledgements(Process child, CountDownLatch writing) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = ChildJvm.stdout(child)) {
                String line;
                while ((line = lines.readLine()) != null) {
                    String[] parts = line.split(" ");
                    if (parts[0].equals("ACK")) {
                        acknowledged.merge(parts[1], Long.parseLong(parts[2]), Math::max);
                        writing.countDown();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "crash-test-stdout");
        reader.start();
        return reader;
    }

    /** Returns the number of acknowledged events checked. */
    private long verify(EventCodec codec, int cycle, long seed) {
        String context = "cycle " + cycle + " (random seed " + seed + ")";
        long checked = 0;
        // Opening must succeed after every kill.
        try (RocksStore store = RocksStore.open(StoreSettings.durable(dir))) {
            JournalReader journal = new JournalReader(store, codec);
            for (Map.Entry<String, Long> acked : acknowledged.entrySet()) {
                String id = acked.getKey();
                long highest = journal.highestSequenceNr(id);
                assertThat(highest).as("%s: highest of %s", context, id).isGreaterThanOrEqualTo(acked.getValue());
                long expected = 1;
                try (EventCursor events = journal.events(id, 1, Long.MAX_VALUE)) {
                    Optional<PersistentRepr> event;
                    while ((event = events.next()).isPresent()) {
                        PersistentRepr repr = event.get();
                        assertThat(repr.sequenceNr()).as("%s: no hole in %s", context, id).isEqualTo(expected);
                        assertThat(repr.payload()).as("%s: content of %s #%d", context, id, expected)
                                .isEqualTo(new BenchEvent(id, expected, "p".repeat(64)));
                        expected++;
                    }
                }
                assertThat(expected - 1).as("%s: events of %s", context, id).isEqualTo(highest);
                checked += acked.getValue();
            }
        }
        return checked;
    }
}
