package org.gantry.storage.journal;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.persistence.PersistentRepr;
import org.apache.pekko.persistence.journal.Tagged;
import org.apache.pekko.serialization.SerializationExtension;
import org.gantry.storage.RocksStorage;
import org.gantry.storage.rocks.StoreSettings;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Writes the first event of a new persistence id into the journal directly, as the plugin
 * ({@link RocksJournal}) would have written it for an event-sourced actor: same store, same
 * encoding, same tag ordering, one group commit, acknowledged once durable. The actor that owns
 * the id need not run for it: when it first starts it recovers the event like any other.
 *
 * <p>Only for an id that nothing has written yet and no actor runs for (a fresh random id): the
 * journal's single writer per persistence id is what event sourcing rests on, and this is a
 * second one, safe only before the first.
 */
public final class JournalAppender {
    /** The writer id of the events written here, as a persistent actor's incarnation would carry one. */
    private static final String WRITER = "gantry-journal-appender-" + UUID.randomUUID();

    private final JournalWrites writes;

    private JournalAppender(JournalWrites writes) {
        this.writes = writes;
    }

    /** The appender of the journal plugin configured at {@code pluginConfig} (its {@code dir}, {@code sync}, …). */
    public static JournalAppender of(ActorSystem system, Config pluginConfig) {
        var store = RocksStorage.get(system).store(StoreSettings.fromConfig(pluginConfig));
        return new JournalAppender(new JournalWrites(store, new EventCodec(SerializationExtension.get(system))));
    }

    /**
     * Appends {@code event} as sequence number 1 of {@code persistenceId}, under {@code tags}
     * (none: untagged). Fails (without writing) when the event cannot be encoded or a tag is invalid.
     */
    public CompletableFuture<Void> appendFirst(String persistenceId, Object event, Set<String> tags) {
        long started = System.nanoTime();
        Object payload = tags.isEmpty() ? event
                : new Tagged(event, CollectionConverters.asScala(tags).toSet());
        PersistentRepr first = PersistentRepr.apply(payload, 1L, persistenceId, "", false, ActorRef.noSender(),
                WRITER);
        try {
            return writes.commit(writes.encode(List.of(first), System.currentTimeMillis()), started);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
