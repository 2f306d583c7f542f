package org.gantry.storage.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.persistence.query.EventEnvelope;
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

class RocksJournalTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Path dir = TestStores.tempDir("journal");

    @AfterEach
    void cleanUp() {
        TestStores.deleteRecursively(dir);
    }

    @Test
    void eventsSurviveARestartAndAreReadBackThroughTheReadJournal() throws Exception {
        List<Entry> first = List.of(new Entry("opened", 10), new Entry("topped up", 5), new Entry("spent", -3));
        List<Entry> second = List.of(new Entry("refund", 2), new Entry("closed", 0));
        ActorSystem system = ActorSystem.create("journal-test", TestStores.persistenceConfig(dir, true));
        try {
            TestKit probe = new TestKit(system);
            ActorRef ledger = system.actorOf(Ledger.props("ledger|1", probe.getRef()));
            ledger.tell(new Append(first), probe.getRef());
            assertThat(probe.expectMsgClass(WAIT, Appended.class).lastSequenceNr()).isEqualTo(3);
            ledger.tell(new Append(second), probe.getRef());
            assertThat(probe.expectMsgClass(WAIT, Appended.class).lastSequenceNr()).isEqualTo(5);
            system.actorOf(Ledger.props("ledger|2", probe.getRef())).tell(new Append(first), probe.getRef());
            probe.expectMsgClass(WAIT, Appended.class);
        } finally {
            TestKit.shutdownActorSystem(system);
        }

        ActorSystem restarted = ActorSystem.create("journal-test", TestStores.persistenceConfig(dir, true));
        try {
            TestKit probe = new TestKit(restarted);
            restarted.actorOf(Ledger.props("ledger|1", probe.getRef())).tell(new GetEntries(), probe.getRef());
            assertThat(probe.expectMsgClass(WAIT, Ledger.Entries.class).entries()).containsExactlyElementsOf(
                    java.util.stream.Stream.concat(first.stream(), second.stream()).toList());

            RocksReadJournal query = PersistenceQuery.get(restarted)
                    .getReadJournalFor(RocksReadJournal.class, RocksReadJournal.IDENTIFIER);
            List<String> ids = query.currentPersistenceIds().runWith(Sink.seq(), restarted)
                    .toCompletableFuture().get();
            assertThat(ids).containsExactly("ledger|1", "ledger|2");

            List<EventEnvelope> events = query.currentEventsByPersistenceId("ledger|1", 2, 4)
                    .runWith(Sink.seq(), restarted).toCompletableFuture().get();
            assertThat(events).extracting(EventEnvelope::sequenceNr).containsExactly(2L, 3L, 4L);
            assertThat(events).extracting(EventEnvelope::event)
                    .containsExactly(first.get(1), first.get(2), second.get(0));
            assertThat(events).allSatisfy(e -> assertThat(e.timestamp()).isPositive());
            assertThat(query.currentLastSequenceNumberByPersistenceId("ledger|1").toCompletableFuture().get())
                    .contains(5L);
            assertThat(query.currentLastSequenceNumberByPersistenceId("nobody").toCompletableFuture().get())
                    .isEqualTo(Optional.empty());
        } finally {
            TestKit.shutdownActorSystem(restarted);
        }
    }
    /**
     * Why the journal runs without Pekko's replay filter: an event's key is its persistence id
     * and sequence number, so even two writers of one id (which sharding never lets happen)
     * leave one event per number, and a replay comes out strictly in order, with nothing to sort out.
     */
    @Test
    void twoWritersOfOneIdLeaveOneEventPerSequenceNumber() throws Exception {
        ActorSystem system = ActorSystem.create("journal-test", TestStores.persistenceConfig(dir, true));
        try {
            assertThat(system.settings().config().getString("gantry.rocksdb.journal.replay-filter.mode"))
                    .isEqualTo("off");
            TestKit probe = new TestKit(system);
            ActorRef first = system.actorOf(Ledger.props("twice|1", probe.getRef()));
            ActorRef second = system.actorOf(Ledger.props("twice|1", probe.getRef()));
            for (ActorRef writer : List.of(first, second)) { // both recovered, both at sequence number 0
                writer.tell(new GetEntries(), probe.getRef());
                assertThat(probe.expectMsgClass(WAIT, Ledger.Entries.class).entries()).isEmpty();
            }
            first.tell(new Append(List.of(new Entry("a1", 1), new Entry("a2", 2))), probe.getRef());
            assertThat(probe.expectMsgClass(WAIT, Appended.class).lastSequenceNr()).isEqualTo(2);
            second.tell(new Append(List.of(new Entry("b1", 3))), probe.getRef());
            assertThat(probe.expectMsgClass(WAIT, Appended.class).lastSequenceNr()).isEqualTo(1);

            RocksReadJournal query = PersistenceQuery.get(system)
                    .getReadJournalFor(RocksReadJournal.class, RocksReadJournal.IDENTIFIER);
            List<EventEnvelope> events = query.currentEventsByPersistenceId("twice|1", 0, Long.MAX_VALUE)
                    .runWith(Sink.seq(), system).toCompletableFuture().get();
            assertThat(events).extracting(EventEnvelope::sequenceNr).containsExactly(1L, 2L);
            assertThat(events).extracting(EventEnvelope::event).containsExactly(new Entry("b1", 3), new Entry("a2", 2));

            system.actorOf(Ledger.props("twice|1", probe.getRef())).tell(new GetEntries(), probe.getRef());
            assertThat(probe.expectMsgClass(WAIT, Ledger.Entries.class).entries())
                    .containsExactly(new Entry("b1", 3), new Entry("a2", 2));
        } finally {
            TestKit.shutdownActorSystem(system);
        }
    }
}
