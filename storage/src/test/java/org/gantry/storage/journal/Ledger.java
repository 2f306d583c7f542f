package org.gantry.storage.journal;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Props;
import org.apache.pekko.persistence.AbstractPersistentActor;

/** A test entity: appends entries with persistAll and reports persist failures to a watcher. */
final class Ledger extends AbstractPersistentActor {

    /** A Jackson-CBOR-serialised event, as Gantry's own events are. */
    record Entry(String text, long amount) implements CborEvent {}

    record Append(List<Entry> entries) {}

    record Appended(long lastSequenceNr) {}

    record GetEntries() {}

    record Entries(List<Entry> entries) {}

    record PersistFailed(String message) {}

    private final String persistenceId;
    private final ActorRef watcher;
    private final List<Entry> entries = new ArrayList<>();

    private Ledger(String persistenceId, ActorRef watcher) {
        this.persistenceId = persistenceId;
        this.watcher = watcher;
    }

    static Props props(String persistenceId, ActorRef watcher) {
        return Props.create(Ledger.class, () -> new Ledger(persistenceId, watcher));
    }

    @Override
    public String persistenceId() {
        return persistenceId;
    }

    @Override
    public Receive createReceiveRecover() {
        return receiveBuilder()
                .match(Entry.class, entries::add)
                .build();
    }

    @Override
    public Receive createReceive() {
        return receiveBuilder()
                .match(Append.class, append -> {
                    ActorRef replyTo = getSender();
                    Entry last = append.entries().get(append.entries().size() - 1);
                    persistAll(append.entries(), entry -> {
                        entries.add(entry);
                        if (entry == last) {
                            replyTo.tell(new Appended(lastSequenceNr()), getSelf());
                        }
                    });
                })
                .match(GetEntries.class, get -> getSender().tell(new Entries(List.copyOf(entries)), getSelf()))
                .build();
    }

    @Override
    public void onPersistFailure(Throwable cause, Object event, long seqNr) {
        watcher.tell(new PersistFailed(cause.getMessage()), getSelf());
        super.onPersistFailure(cause, event, seqNr);
    }
}
