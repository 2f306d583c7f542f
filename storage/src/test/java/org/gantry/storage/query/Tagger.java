package org.gantry.storage.query;

import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Props;
import org.apache.pekko.persistence.AbstractPersistentActor;
import org.apache.pekko.persistence.DeleteMessagesSuccess;
import org.apache.pekko.persistence.journal.Tagged;
import org.gantry.storage.journal.CborEvent;

/**
 * A test entity that persists events, tagged or not, the way Pekko delivers tags to a journal
 * (typed persistence's {@code withTagger} wraps events in {@link Tagged} just like this).
 */
final class Tagger extends AbstractPersistentActor {

    record Step(String job, int n) implements CborEvent {}

    /** Persist each event, tagged with {@code tags} unless that is empty. */
    record Persist(List<Step> events, Set<String> tags) {}

    record Persisted(long lastSequenceNr) {}

    record DeleteTo(long sequenceNr) {}

    record Deleted(long toSequenceNr) {}

    record Rejected(String message) {}

    private final String persistenceId;
    private ActorRef deleteWaiter;
    private ActorRef persistWaiter;

    private Tagger(String persistenceId) {
        this.persistenceId = persistenceId;
    }

    static Props props(String persistenceId) {
        return Props.create(Tagger.class, () -> new Tagger(persistenceId));
    }

    @Override
    public String persistenceId() {
        return persistenceId;
    }

    @Override
    public Receive createReceiveRecover() {
        return receiveBuilder().matchAny(event -> { }).build();
    }

    @Override
    public Receive createReceive() {
        return receiveBuilder()
                .match(Persist.class, persist -> {
                    persistWaiter = getSender();
                    List<Object> events = persist.events().stream()
                            .map(step -> persist.tags().isEmpty() ? step : (Object) new Tagged(step, persist.tags()))
                            .toList();
                    Object last = events.get(events.size() - 1);
                    persistAll(events, event -> {
                        if (event == last) {
                            persistWaiter.tell(new Persisted(lastSequenceNr()), getSelf());
                        }
                    });
                })
                .match(DeleteTo.class, delete -> {
                    deleteWaiter = getSender();
                    deleteMessages(delete.sequenceNr());
                })
                .match(DeleteMessagesSuccess.class, done ->
                        deleteWaiter.tell(new Deleted(done.toSequenceNr()), getSelf()))
                .build();
    }

    @Override
    public void onPersistRejected(Throwable cause, Object event, long seqNr) {
        persistWaiter.tell(new Rejected(cause.getMessage()), getSelf());
    }
}
