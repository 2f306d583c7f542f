package org.gantry.storage.query;

import com.typesafe.config.Config;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.persistence.query.ReadJournalProvider;
import org.gantry.storage.RocksStorage;
import org.gantry.storage.rocks.StoreSettings;

/** Named by {@code gantry.rocksdb.query.class}; reads the directory the journal writes. */
public final class RocksReadJournalProvider implements ReadJournalProvider {

    private final RocksReadJournal javaJournal;
    private final ScalaRocksReadJournal scalaJournal;

    public RocksReadJournalProvider(ExtendedActorSystem system, Config config) {
        this.javaJournal = new RocksReadJournal(system,
                RocksStorage.get(system).store(StoreSettings.fromConfig(config)),
                config.getString("read-dispatcher"),
                config.getDuration("refresh-interval"),
                config.getInt("page-size"));
        this.scalaJournal = new ScalaRocksReadJournal(javaJournal);
    }

    @Override
    public org.apache.pekko.persistence.query.scaladsl.ReadJournal scaladslReadJournal() {
        return scalaJournal;
    }

    @Override
    public org.apache.pekko.persistence.query.javadsl.ReadJournal javadslReadJournal() {
        return javaJournal;
    }
}
