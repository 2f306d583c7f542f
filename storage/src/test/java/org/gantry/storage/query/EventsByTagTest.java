package org.gantry.storage.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.Sequence;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.SinkQueueWithCancel;
import org.apache.pekko.testkit.javadsl.TestKit;
import org.gantry.storage.query.Tagger.DeleteTo;
import org.gantry.storage.query.Tagger.Deleted;
import org.gantry.storage.query.Tagger.Persist;
import org.gantry.storage.query.Tagger.Persisted;
import org.gantry.storage.query.Tagger.Rejected;
import org.gantry.storage.query.Tagger.Step;
import org.gantry.storage.RocksStorage;
import org.gantry.storage.rocks.Family;
import org.gantry.storage.rocks.PidSeqKey;
import org.gantry.storage.rocks.RocksStore;
import org.gantry.storage.rocks.StoreSettings;
import org.gantry.storage.rocks.TagKey;
import org.gantry.storage.testing.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventsByTagTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Set<String> JOB = Set.of("job");

    private final Path dir = TestStores.tempDir("tags");
    private final List<ActorSystem> systems = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        systems.forEach(TestKit::shutdownActorSystem);
        TestStores.deleteRecursively(dir);
    }

    /**
     * A long backstop poll, so a live query that delivers promptly proves it was woken by the
     * write rather than by its timer.
     */
    private ActorSystem start() {
        return start("60s");
    }

    private ActorSystem start(String refreshInterval) {
        ActorSystem system = ActorSystem.create("tags-test", ConfigFactory
                .parseString("gantry.rocksdb.query.refresh-interval = " + refreshInterval)
                .withFallback(TestStores.persistenceConfig(dir, true)));
        systems.add(system);
        return system;
    }

    private void stop(ActorSystem system) {
        systems.remove(system);
        TestKit.shutdownActorSystem(system);
    }

    private static RocksReadJournal query(ActorSystem system) {
        return PersistenceQuery.get(system).getReadJournalFor(RocksReadJournal.class, RocksReadJournal.IDENTIFIER);
    }

    private static long persist(ActorSystem system, ActorRef entity, Set<String> tags, Step... steps) {
        TestKit probe = new TestKit(system);
        entity.tell(new Persist(List.of(steps), tags), probe.getRef());
        return probe.expectMsgClass(WAIT, Persisted.class).lastSequenceNr();
    }

    private static List<EventEnvelope> current(ActorSystem system, String tag, Offset offset) throws Exception {
        return query(system).currentEventsByTag(tag, offset).runWith(Sink.seq(), system)
                .toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static long offset(EventEnvelope envelope) {
        return ((Sequence) envelope.offset()).value();
    }

    private static Step step(String job, int n) {
        return new Step(job, n);
    }

    @Test
    void taggedEventsComeInWriteOrderWithIncreasingOffsetsAndUntaggedOnesStayOut() throws Exception {
        ActorSystem system = start();
        ActorRef a = system.actorOf(Tagger.props("job|a"));
        ActorRef b = system.actorOf(Tagger.props("job|b"));
        persist(system, a, JOB, step("a", 1));
        persist(system, a, Set.of(), step("a", 2));
        persist(system, b, Set.of("job", "gpu"), step("b", 1));
        persist(system, a, JOB, step("a", 3), step("a", 4));

        List<EventEnvelope> events = current(system, "job", Offset.noOffset());
        assertThat(events).extracting(EventEnvelope::event)
                .containsExactly(step("a", 1), step("b", 1), step("a", 3), step("a", 4));
        assertThat(events).extracting(EventEnvelope::persistenceId).containsExactly("job|a", "job|b", "job|a", "job|a");
        assertThat(events).extracting(EventEnvelope::sequenceNr).containsExactly(1L, 1L, 3L, 4L);
        assertThat(events).extracting(EventsByTagTest::offset).containsExactly(1L, 2L, 3L, 4L);
        assertThat(events).allSatisfy(e -> assertThat(e.timestamp()).isPositive());

        List<EventEnvelope> gpu = current(system, "gpu", Offset.noOffset());
        assertThat(gpu).extracting(EventEnvelope::event).containsExactly(step("b", 1));
        assertThat(offset(gpu.get(0))).isEqualTo(offset(events.get(1))); // one ordering per event, all tags
        assertThat(current(system, "nobody", Offset.noOffset())).isEmpty();
    }

    @Test
    void anEventJustWrittenIsTheObjectTheWriterHadAndAfterARestartItsDecodedEqual() throws Exception {
        ActorSystem system = start();
        Step first = step("a", 1);
        persist(system, system.actorOf(Tagger.props("job|a")), JOB, first);

        EventEnvelope fresh = current(system, "job", Offset.noOffset()).get(0);
        assertThat(fresh.event()).isSameAs(first); // not read back and decoded
        stop(system);

        EventEnvelope decoded = current(start(), "job", Offset.noOffset()).get(0);
        assertThat(decoded.event()).isNotSameAs(first).isEqualTo(first);
        assertThat(decoded.timestamp()).isEqualTo(fresh.timestamp());
        assertThat(decoded.offset()).isEqualTo(fresh.offset());
    }

    @Test
    void readingFromAnOffsetResumesRightAfterIt() throws Exception {
        ActorSystem system = start();
        ActorRef a = system.actorOf(Tagger.props("job|a"));
        persist(system, a, JOB, step("a", 1), step("a", 2), step("a", 3));

        List<EventEnvelope> all = current(system, "job", Offset.noOffset());
        List<EventEnvelope> rest = current(system, "job", all.get(0).offset());
        assertThat(rest).extracting(EventEnvelope::event).containsExactly(step("a", 2), step("a", 3));
        assertThat(current(system, "job", all.get(2).offset())).isEmpty();
        assertThat(current(system, "job", Offset.sequence(0))).hasSize(3);
    }

    @Test
    void theLiveQueryDeliversEventsWrittenAfterItStarted() throws Exception {
        ActorSystem system = start();
        ActorRef a = system.actorOf(Tagger.props("job|a"));
        persist(system, a, JOB, step("a", 1));
        SinkQueueWithCancel<EventEnvelope> live = query(system).eventsByTag("job", Offset.noOffset())
                .runWith(Sink.queue(), system);
        SinkQueueWithCancel<EventEnvelope> byId = query(system).eventsByPersistenceId("job|a", 1, Long.MAX_VALUE)
                .runWith(Sink.queue(), system);
        assertThat(pull(live).event()).isEqualTo(step("a", 1));
        assertThat(pull(byId).sequenceNr()).isEqualTo(1);
        Thread.sleep(300); // both caught up and now waiting

        persist(system, a, JOB, step("a", 2));
        persist(system, a, Set.of(), step("a", 3)); // no tag: the live tag query must not see it
        persist(system, a, JOB, step("a", 4), step("a", 5));

        // Well inside the 60 s refresh interval: the writes woke the queries.
        assertThat(List.of(pull(live), pull(live), pull(live))).extracting(EventEnvelope::event)
                .containsExactly(step("a", 2), step("a", 4), step("a", 5));
        assertThat(List.of(pull(byId), pull(byId), pull(byId))).extracting(EventEnvelope::sequenceNr)
                .containsExactly(2L, 3L, 4L);
        live.cancel();
        byId.cancel();
        List<EventEnvelope> bounded = query(system).eventsByPersistenceId("job|a", 2, 3)
                .runWith(Sink.seq(), system).toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(bounded).extracting(EventEnvelope::sequenceNr).containsExactly(2L, 3L); // ends at toSequenceNr
    }

    private static EventEnvelope pull(SinkQueueWithCancel<EventEnvelope> queue) throws Exception {
        return queue.pull().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS).orElseThrow();
    }

    @Test
    void withoutAWakeUpTheLiveQueryStillPollsAtTheRefreshInterval() throws Exception {
        ActorSystem system = start("200ms");
        persist(system, system.actorOf(Tagger.props("job|a")), Set.of(), step("a", 1));
        SinkQueueWithCancel<EventEnvelope> live = query(system).eventsByTag("job", Offset.noOffset())
                .runWith(Sink.queue(), system);
        CompletableFuture<Optional<EventEnvelope>> next = live.pull().toCompletableFuture();
        Thread.sleep(300); // caught up and waiting

        // An index entry written behind the journal's back fires no signal: only polling finds it.
        RocksStore store = RocksStorage.get(system)
                .store(StoreSettings.fromConfig(system.settings().config().getConfig("gantry.storage")));
        store.commit(batch -> batch.put(store.family(Family.TAGS), TagKey.of("job", 100), PidSeqKey.of("job|a", 1)))
                .join();
        EventEnvelope found = next.get(5, TimeUnit.SECONDS).orElseThrow();
        assertThat(found.event()).isEqualTo(step("a", 1));
        assertThat(offset(found)).isEqualTo(100);
        live.cancel();
    }

    @Test
    void offsetsAndTheOrderingCounterSurviveARestart() throws Exception {
        ActorSystem first = start();
        persist(first, first.actorOf(Tagger.props("job|a")), JOB, step("a", 1), step("a", 2));
        persist(first, first.actorOf(Tagger.props("job|b")), Set.of("other"), step("b", 1));
        List<EventEnvelope> before = current(first, "job", Offset.noOffset());
        stop(first);

        ActorSystem second = start();
        persist(second, second.actorOf(Tagger.props("job|c")), JOB, step("c", 1));
        List<EventEnvelope> after = current(second, "job", Offset.noOffset());
        assertThat(after.subList(0, 2)).isEqualTo(before);
        // "other" took ordering 3 in the first run; the counter resumes past it, never reusing it.
        assertThat(after).extracting(EventsByTagTest::offset).containsExactly(1L, 2L, 4L);
        assertThat(current(second, "job", before.get(1).offset())).extracting(EventEnvelope::event)
                .containsExactly(step("c", 1));
    }

    @Test
    void concurrentWritersNeverShowALiveReaderAnOffsetOutOfOrder() throws Exception {
        int writers = 8;
        int rounds = 25;
        int perRound = 2;
        int total = writers * rounds * perRound;
        ActorSystem system = start();
        CompletableFuture<List<EventEnvelope>> live = query(system).eventsByTag("job", Offset.noOffset())
                .take(total).runWith(Sink.seq(), system).toCompletableFuture();

        List<ActorRef> entities = IntStream.range(0, writers)
                .mapToObj(w -> system.actorOf(Tagger.props("job|w" + w))).toList();
        TestKit probe = new TestKit(system);
        for (int round = 0; round < rounds; round++) {
            for (int w = 0; w < writers; w++) {
                // Every writer has a write in flight at once: their events meet in group commits.
                entities.get(w).tell(new Persist(List.of(step("w" + w, 2 * round), step("w" + w, 2 * round + 1)), JOB),
                        probe.getRef());
            }
        }
        probe.receiveN(writers * rounds, WAIT);

        // The reader advances by offset: an event committed below an offset it had passed would be
        // missed, and take(total) would never complete.
        List<EventEnvelope> seen = live.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        List<Long> offsets = seen.stream().map(EventsByTagTest::offset).toList();
        assertThat(offsets).isSorted().doesNotHaveDuplicates();
        assertThat(seen).isEqualTo(current(system, "job", Offset.noOffset()));
        for (int w = 0; w < writers; w++) {
            String pid = "job|w" + w;
            assertThat(seen.stream().filter(e -> e.persistenceId().equals(pid)).map(EventEnvelope::sequenceNr))
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, rounds * perRound).asLongStream().boxed().toList());
        }
    }

    @Test
    void deletedEventsDisappearFromTagQueries() throws Exception {
        ActorSystem system = start();
        ActorRef a = system.actorOf(Tagger.props("job|a"));
        persist(system, a, JOB, step("a", 1), step("a", 2), step("a", 3));
        TestKit probe = new TestKit(system);
        a.tell(new DeleteTo(2), probe.getRef());
        probe.expectMsg(WAIT, new Deleted(2));

        assertThat(current(system, "job", Offset.noOffset())).extracting(EventEnvelope::event)
                .containsExactly(step("a", 3));
        List<EventEnvelope> live = query(system).eventsByTag("job", Offset.noOffset()).take(1)
                .runWith(Sink.seq(), system).toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(live).extracting(EventsByTagTest::offset).containsExactly(3L);
    }

    @Test
    void aTagTheIndexCannotHoldRejectsOnlyItsWrite() {
        ActorSystem system = start();
        ActorRef a = system.actorOf(Tagger.props("job|a"));
        TestKit probe = new TestKit(system);
        a.tell(new Persist(List.of(step("a", 1)), Set.of("bad\u0000tag")), probe.getRef());
        assertThat(probe.expectMsgClass(WAIT, Rejected.class).message()).contains("U+0000");
        assertThat(persist(system, a, JOB, step("a", 2))).isEqualTo(2);
    }
}
