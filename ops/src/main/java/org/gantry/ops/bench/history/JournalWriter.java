package org.gantry.ops.bench.history;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.pattern.Patterns;
import org.apache.pekko.persistence.AtomicWrite;
import org.apache.pekko.persistence.JournalProtocol;
import org.apache.pekko.persistence.Persistence;
import org.apache.pekko.persistence.PersistentEnvelope;
import org.apache.pekko.persistence.PersistentRepr;
import org.apache.pekko.persistence.journal.Tagged;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Writes events through the default journal plugin with the classic journal protocol, as an
 * event-sourced actor would: each entity's events in one {@link AtomicWrite}, each event a
 * {@link PersistentRepr} with an empty manifest and this writer's uuid, tagged events wrapped in
 * {@link Tagged} the way typed persistence wraps them. Several batches are in flight at once, so
 * the journal's group commit has something to group.
 */
final class JournalWriter implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final ActorRef journal;
    private final String writerUuid = UUID.randomUUID().toString();
    private final Semaphore inFlight;
    private final List<CompletableFuture<Object>> pending = new ArrayList<>();
    private List<PersistentEnvelope> batch = new ArrayList<>();

    JournalWriter(ActorSystem system, int batchesInFlight) {
        this.journal = Persistence.get(system).journalFor(null, ConfigFactory.empty()); // null: the default plugin
        this.inFlight = new Semaphore(batchesInFlight);
    }

    /** Queues one entity's events, numbered from {@code firstSeqNr}; null {@code tags} for none. */
    void add(String persistenceId, long firstSeqNr, List<?> events, Set<String> tags) {
        List<PersistentRepr> reprs = new ArrayList<>(events.size());
        long seqNr = firstSeqNr;
        for (Object event : events) {
            Object payload = tags == null || tags.isEmpty() ? event : new Tagged(event, tags);
            reprs.add(PersistentRepr.apply(payload, seqNr++, persistenceId, "", false, ActorRef.noSender(),
                    writerUuid));
        }
        batch.add(new AtomicWrite(CollectionConverters.asScala(reprs).toList()));
    }

    /** Sends the queued writes, waiting first while too many batches are unanswered. */
    void flush() throws InterruptedException {
        if (batch.isEmpty()) {
            return;
        }
        var messages = CollectionConverters.asScala(batch).toList();
        batch = new ArrayList<>();
        inFlight.acquire();
        // The journal answers WriteMessagesSuccessful first, then one reply per AtomicWrite; the
        // ask takes the first, the rest go to dead letters (a rejected write shows in the tag head).
        CompletableFuture<Object> answer = Patterns.askWithReplyTo(journal,
                        replyTo -> new JournalProtocol.WriteMessages(messages, replyTo, 1), TIMEOUT)
                .toCompletableFuture()
                .thenApply(JournalWriter::succeeded);
        answer.whenComplete((reply, failure) -> inFlight.release());
        pending.add(answer);
        for (CompletableFuture<Object> sent : pending) {
            if (sent.isCompletedExceptionally()) {
                pending.clear(); // so close() does not throw the same failure again (and hide it)
                sent.join(); // throws: stop at the first failed batch
            }
        }
        pending.removeIf(CompletableFuture::isDone);
    }

    private static Object succeeded(Object reply) {
        if (reply instanceof JournalProtocol.WriteMessagesFailed failed) {
            throw new IllegalStateException("the journal refused a batch", failed.cause());
        }
        return reply;
    }

    /** Sends what is queued and waits for every batch to be written. */
    @Override
    public void close() throws InterruptedException {
        flush();
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
    }
}
