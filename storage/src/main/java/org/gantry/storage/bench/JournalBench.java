package org.gantry.storage.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.gantry.storage.RocksStorage;
import org.gantry.storage.rocks.CommitCounts;
import org.gantry.storage.rocks.RocksStore;
import org.gantry.storage.rocks.StoreSettings;
import scala.concurrent.Await;
import scala.concurrent.duration.FiniteDuration;

/**
 * Durable events per second through the real path: persistent actors ({@link EventWriter})
 * persisting Jackson-CBOR events, one at a time each, via the RocksDB journal with sync on.
 */
final class JournalBench {

    /** Journal throughput and how many events each WAL sync carried. */
    record Result(double eventsPerSecond, double eventsPerSync) {}

    /** Counts acknowledgements; one actor so the writers need share nothing else. */
    private static final class Counter extends AbstractActor {
        private final LongAdder acknowledged;

        private Counter(LongAdder acknowledged) {
            this.acknowledged = acknowledged;
        }

        @Override
        public Receive createReceive() {
            return receiveBuilder()
                    .match(EventWriter.Written.class, w -> acknowledged.increment())
                    .matchAny(other -> { })
                    .build();
        }
    }

    private JournalBench() {}

    static Result measure(Path dir, int writers, Duration warmUp, Duration measure) throws Exception {
        ActorSystem system = ActorSystem.create("storage-bench", config(dir));
        try {
            LongAdder acknowledged = new LongAdder();
            ActorRef counter = system.actorOf(Props.create(Counter.class, () -> new Counter(acknowledged)));
            for (int w = 0; w < writers; w++) {
                system.actorOf(EventWriter.props("bench-writer-" + w, counter, 64));
            }
            Thread.sleep(warmUp.toMillis());
            RocksStore store = RocksStorage.get(system).store(StoreSettings.fromConfig(
                    system.settings().config().getConfig("gantry.rocksdb.journal")));
            CommitCounts countsBefore = store.commitCounts();
            long before = acknowledged.sum();
            long start = System.nanoTime();
            Thread.sleep(measure.toMillis());
            long count = acknowledged.sum() - before;
            double seconds = (System.nanoTime() - start) / 1e9;
            CommitCounts counts = store.commitCounts().minus(countsBefore);
            return new Result(count / seconds, counts.writesPerGroup() == 0 ? 0
                    : (double) count / Math.max(1, counts.groups()));
        } finally {
            system.terminate();
            Await.ready(system.whenTerminated(), FiniteDuration.apply(30, TimeUnit.SECONDS));
        }
    }

    private static Config config(Path dir) {
        return ConfigFactory.load(ConfigFactory.parseString(String.join("\n",
                "pekko.persistence.journal.plugin = \"gantry.rocksdb.journal\"",
                "pekko.persistence.snapshot-store.plugin = \"gantry.rocksdb.snapshot\"",
                "pekko.loglevel = WARNING",
                "pekko.log-dead-letters = off",
                "gantry.storage.dir = \"" + dir.toString().replace("\\", "/") + "\"",
                "gantry.storage.sync = on")));
    }
}
