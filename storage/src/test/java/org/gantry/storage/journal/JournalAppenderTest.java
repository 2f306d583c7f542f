package org.gantry.storage.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.testkit.javadsl.TestKit;
import org.gantry.storage.journal.Ledger.Append;
import org.gantry.storage.journal.Ledger.Appended;
import org.gantry.storage.journal.Ledger.Entry;
import org.gantry.storage.journal.Ledger.GetEntries;
import org.gantry.storage.query.RocksReadJournal;
import org.gantry.storage.testing.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A first event appended without its persistent actor, on the real RocksDB journal: the actor
 * recovers it as its own and persists after it, the tag stream holds it in commit order, and a
 * bad tag writes nothing.
 */
class JournalAppenderTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Path dir = TestStores.tempDir("appender");

    @AfterEach
    void cleanUp() {
        TestStores.deleteRecursively(dir);
    }

    @Test
    void theActorRecoversTheAppendedEventAndTheTagStreamHoldsIt() throws Exception {
        ActorSystem system = ActorSystem.create("appender-test", TestStores.persistenceConfig(dir, true));
        try {
            JournalAppender appender = JournalAppender.of(system,
                    system.settings().config().getConfig("gantry.rocksdb.journal"));
            TestKit probe = new TestKit(system);
            Entry opened = new Entry("opened", 10);
            appender.appendFirst("ledger|1", opened, Set.of("ledger")).get();

            ActorRef ledger = system.actorOf(Ledger.props("ledger|1", probe.getRef()));
            ledger.tell(new Append(List.of(new Entry("spent", -3))), probe.getRef());
            assertThat(probe.expectMsgClass(WAIT, Appended.class).lastSequenceNr()).isEqualTo(2);
            ledger.tell(new GetEntries(), probe.getRef());
            assertThat(probe.expectMsgClass(WAIT, Ledger.Entries.class).entries())
                    .containsExactly(opened, new Entry("spent", -3));

            appender.appendFirst("ledger|2", new Entry("second", 1), Set.of("ledger")).get();
            RocksReadJournal query = PersistenceQuery.get(system)
                    .getReadJournalFor(RocksReadJournal.class, RocksReadJournal.IDENTIFIER);
            List<EventEnvelope> tagged = query.currentEventsByTag("ledger", Offset.noOffset())
                    .runWith(Sink.seq(), system).toCompletableFuture().get();
            assertThat(tagged).extracting(EventEnvelope::persistenceId).containsExactly("ledger|1", "ledger|2");
            assertThat(tagged).extracting(EventEnvelope::sequenceNr).containsExactly(1L, 1L);
            assertThat(tagged).allSatisfy(e -> assertThat(e.timestamp()).isPositive());

            assertThatThrownBy(() -> appender.appendFirst("ledger|3", new Entry("x", 0), Set.of("bad\u0000tag")).get())
                    .hasMessageContaining("tag");
            assertThat(query.currentLastSequenceNumberByPersistenceId("ledger|3").toCompletableFuture().get())
                    .as("a refused append writes nothing").isEmpty();
        } finally {
            TestKit.shutdownActorSystem(system);
        }
    }
}
