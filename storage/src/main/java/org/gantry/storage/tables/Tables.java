package org.gantry.storage.tables;

import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.ActorSystem;
import org.gantry.storage.RocksStorage;
import org.gantry.storage.rocks.Family;
import org.gantry.storage.rocks.RocksStore;
import org.gantry.storage.rocks.StoreSettings;

/** The small durable tables of a store: named {@link Table}s and the {@link OffsetStore}. */
public final class Tables {

    private final RocksStore store;
    private final OffsetStore offsets;

    public Tables(RocksStore store) {
        this.store = store;
        this.offsets = new OffsetStore(table(OffsetStore.TABLE));
    }

    /** The tables of the directory under {@code gantry.storage}, the store the journal writes. */
    public static Tables of(ActorSystem system) {
        StoreSettings settings = StoreSettings.fromConfig(system.settings().config().getConfig("gantry.storage"));
        return new Tables(RocksStorage.get(system).store(settings));
    }

    public Table table(String name) {
        return new Table(this, name);
    }

    public OffsetStore offsets() {
        return offsets;
    }

    /**
     * The highest ordering of {@code tag} the journal has made visible (0 when none): a projection
     * of the tag whose offset has reached it has seen every event committed before this call.
     */
    public long journalHead(String tag) {
        return store.tagOrdering().visible(tag);
    }

    /** Makes the write durable in the next group commit (synced when the store's settings say so). */
    public CompletableFuture<Void> commit(TableWrite write) {
        return store.commit(write.work(store.family(Family.TABLES)));
    }

    /**
     * Writes without a WAL sync of its own (see {@link RocksStore#commitUnsynced}): for a table
     * that is rebuilt from the journal, with its offset in the same write, so a write lost with
     * the OS only takes the table back to an offset it replays from.
     */
    public CompletableFuture<Void> commitUnsynced(TableWrite write) {
        return store.commitUnsynced(write.work(store.family(Family.TABLES)));
    }

    RocksStore store() {
        return store;
    }
}
