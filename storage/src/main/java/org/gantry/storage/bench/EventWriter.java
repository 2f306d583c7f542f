package org.gantry.storage.bench;

import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Props;
import org.apache.pekko.persistence.AbstractPersistentActor;
import org.apache.pekko.persistence.RecoveryCompleted;

/**
 * A persistent actor that, once recovered, persists events back to back (the next as soon as
 * the journal acknowledges the last) and tells {@code reportTo} of every acknowledgement.
 * Many of them are the concurrent writers of the journal benchmark and of the crash test.
 */
public final class EventWriter extends AbstractPersistentActor {

    /** Sent to {@code reportTo} once the event is durable. */
    public record Written(String persistenceId, long sequenceNr) {}

    /** Sent to {@code reportTo} once recovery is done, before the first write. */
    public record Recovered(String persistenceId, long highestSequenceNr) {}

    private final String persistenceId;
    private final ActorRef reportTo;
    private final String padding;

    private EventWriter(String persistenceId, ActorRef reportTo, int paddingBytes) {
        this.persistenceId = persistenceId;
        this.reportTo = reportTo;
        this.padding = "p".repeat(paddingBytes);
    }

    public static Props props(String persistenceId, ActorRef reportTo, int paddingBytes) {
        return Props.create(EventWriter.class, () -> new EventWriter(persistenceId, reportTo, paddingBytes));
    }

    @Override
    public String persistenceId() {
        return persistenceId;
    }

    @Override
    public Receive createReceiveRecover() {
        return receiveBuilder()
                .match(RecoveryCompleted.class, done -> {
                    reportTo.tell(new Recovered(persistenceId, lastSequenceNr()), getSelf());
                    getSelf().tell(Next.INSTANCE, getSelf());
                })
                .matchAny(event -> { })
                .build();
    }

    private enum Next { INSTANCE }

    @Override
    public Receive createReceive() {
        return receiveBuilder().match(Next.class, next -> writeNext()).build();
    }

    private void writeNext() {
        persist(new BenchEvent(persistenceId, lastSequenceNr() + 1, padding), event -> {
            reportTo.tell(new Written(persistenceId, lastSequenceNr()), getSelf());
            writeNext();
        });
    }
}
