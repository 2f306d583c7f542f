package org.gantry.scheduler.control.service;

import com.typesafe.config.Config;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.gantry.scheduler.control.ControlPlane;
import org.gantry.storage.RocksStorage;
import org.gantry.storage.rocks.StoreSettings;

/**
 * Whether the job journal takes writes now. A submit or cancel on a full disk is answered 503 at
 * once, saying why: sent on, its entity's write is refused, the entity stops without answering,
 * and the caller waited for the ask's timeout (10 s) to be told the control plane "may be
 * starting".
 */
@FunctionalInterface
interface JournalSpace {
    /** Why writes are refused for want of space now, in words that say how to fix it; null when they are taken. */
    String shortage();

    /** This node's RocksDB journal's free-space reserve; another journal plugin answers for itself, when written. */
    static JournalSpace of(ActorSystem<?> system) {
        Config config = system.settings().config();
        String plugin = config.getString("pekko.persistence.journal.plugin");
        if (!ControlPlane.ROCKS_JOURNAL.equals(plugin)) {
            return () -> null;
        }
        return RocksStorage.get(Adapter.toClassic(system)).store(StoreSettings.fromConfig(config.getConfig(plugin)))
                ::spaceShortage;
    }
}
