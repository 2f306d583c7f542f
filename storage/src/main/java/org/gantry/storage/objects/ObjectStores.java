package org.gantry.storage.objects;

import com.typesafe.config.Config;
import org.apache.pekko.actor.AbstractExtensionId;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.Extension;
import org.gantry.storage.RocksStorage;
import org.gantry.storage.rocks.StoreSettings;

/**
 * The {@link CheckpointStore} of an actor system's data directory (the store under
 * {@code gantry.storage} that the journal writes), opened once: opening sweeps away chunks no
 * manifest names, which would take those of uploads in flight from a second instance. The
 * first {@link #get} opens it, which blocks: call it from a blocking dispatcher.
 */
public final class ObjectStores implements Extension {

    private static final class Id extends AbstractExtensionId<ObjectStores> {
        @Override
        public ObjectStores createExtension(ExtendedActorSystem system) {
            return new ObjectStores(system);
        }
    }

    private static final Id ID = new Id();

    private final CheckpointStore store;

    private ObjectStores(ActorSystem system) {
        Config storage = system.settings().config().getConfig("gantry.storage");
        this.store = CheckpointStore.open(RocksStorage.get(system).store(StoreSettings.fromConfig(storage)),
                ObjectSettings.fromConfig(storage.getConfig("objects")));
    }

    public static CheckpointStore get(ActorSystem system) {
        return ID.get(system).store;
    }
}
