package org.gantry.storage;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.AbstractExtensionId;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.Extension;
import org.gantry.storage.rocks.RocksStore;
import org.gantry.storage.rocks.StoreSettings;

/**
 * The open data directories of an actor system: journal, snapshot store and read journal each
 * ask for the store of their configured directory and get the same instance, so one RocksDB and
 * one group-commit writer serve them all. Stores close when the actor system terminates.
 */
public final class RocksStorage implements Extension {

    private static final class Id extends AbstractExtensionId<RocksStorage> {
        @Override
        public RocksStorage createExtension(ExtendedActorSystem system) {
            return new RocksStorage(system);
        }
    }

    private static final Id ID = new Id();

    private final ConcurrentHashMap<Path, RocksStore> stores = new ConcurrentHashMap<>();
    private final ActorSystem system;

    private RocksStorage(ActorSystem system) {
        this.system = system;
        system.registerOnTermination(() -> stores.values().forEach(store -> {
            try {
                store.close();
            } catch (RuntimeException e) {
                // After a write error RocksDB may refuse a clean close; what was synced stays.
                system.log().warning("closing {} failed: {}", store.dir(), e.getMessage());
            }
        }));
    }

    public static RocksStorage get(ActorSystem system) {
        return ID.get(system);
    }

    /**
     * The store of {@code settings.dir()}, opened on first use. Asking for an open directory with
     * other settings is a configuration error, reported rather than silently ignored.
     */
    public RocksStore store(StoreSettings settings) {
        RocksStore store = stores.computeIfAbsent(settings.dir(), dir -> warnIfShortOfSpace(RocksStore.open(settings)));
        if (!store.settings().equals(settings)) {
            throw new IllegalStateException("data directory " + settings.dir() + " is already open with "
                    + store.settings() + ", but a plugin asks for " + settings
                    + "; configure sync, group-commit-max-writes, blob-files and min-free-space once, under gantry.storage");
        }
        return store;
    }

    /**
     * Says at once when the disk already has less free than the reserve: every write would be
     * refused, so the control plane would never get ready, and its first errors (the job table
     * cannot follow the journal) would not say why.
     */
    private RocksStore warnIfShortOfSpace(RocksStore store) {
        long free = store.diskFreeBytes();
        long reserve = store.settings().minFreeBytes();
        if (free < reserve) {
            system.log().warning("the disk of data directory {} has {} MiB free, under the {} MiB kept free for "
                            + "RocksDB's own work (gantry.storage.min-free-space): every write is refused, and Gantry "
                            + "cannot get ready, until there is room; free some space on that disk, or use another one",
                    store.dir(), free / (1024 * 1024), reserve / (1024 * 1024));
        }
        return store;
    }
}
