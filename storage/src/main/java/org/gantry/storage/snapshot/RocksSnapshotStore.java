package org.gantry.storage.snapshot;

import com.typesafe.config.Config;
import java.util.Optional;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.dispatch.Futures;
import org.apache.pekko.event.Logging;
import org.apache.pekko.event.LoggingAdapter;
import org.apache.pekko.persistence.SelectedSnapshot;
import org.apache.pekko.persistence.SnapshotMetadata;
import org.apache.pekko.persistence.SnapshotSelectionCriteria;
import org.apache.pekko.persistence.snapshot.japi.SnapshotStore;
import org.gantry.storage.RocksStorage;
import org.gantry.storage.rocks.Family;
import org.gantry.storage.rocks.PidSeqKey;
import org.gantry.storage.rocks.RangeIterator;
import org.gantry.storage.rocks.RocksStore;
import org.gantry.storage.rocks.ScalaFutures;
import org.gantry.storage.rocks.StoreSettings;
import org.rocksdb.ColumnFamilyHandle;
import scala.Option;
import scala.concurrent.ExecutionContext;
import scala.concurrent.Future;

/**
 * The Pekko Persistence snapshot-store plugin ({@code gantry.rocksdb.snapshot}): snapshots in
 * their own column family, keyed by persistenceId then sequence number, saved through the
 * store's group commit. Loading walks back from the newest candidate; one that no longer
 * deserialises is logged and skipped in favour of an older one, as Pekko's local store does.
 */
public final class RocksSnapshotStore extends SnapshotStore {

    private final RocksStore store;
    private final SnapshotCodec codec;
    private final ExecutionContext readContext;
    private final LoggingAdapter log = Logging.getLogger(context().system(), this);

    public RocksSnapshotStore(Config config) {
        this.store = RocksStorage.get(context().system()).store(StoreSettings.fromConfig(config));
        this.codec = new SnapshotCodec((ExtendedActorSystem) context().system());
        this.readContext = context().system().dispatchers().lookup(config.getString("read-dispatcher"));
    }

    @Override
    public Future<Optional<SelectedSnapshot>> doLoadAsync(String persistenceId, SnapshotSelectionCriteria criteria) {
        return Futures.future(() -> load(persistenceId, criteria), readContext);
    }

    private Optional<SelectedSnapshot> load(String persistenceId, SnapshotSelectionCriteria criteria) {
        Exception lastFailure = null;
        try (RangeIterator range = within(persistenceId, criteria)) {
            for (range.raw().seekToLast(); range.valid(); range.raw().prev()) {
                byte[] value = range.raw().value();
                long timestamp = SnapshotCodec.timestamp(value);
                if (timestamp < criteria.minTimestamp() || timestamp > criteria.maxTimestamp()) {
                    continue;
                }
                long sequenceNr = PidSeqKey.sequenceNr(range.raw().key());
                try {
                    SnapshotCodec.Stored stored = codec.decode(value);
                    SnapshotMetadata metadata = new SnapshotMetadata(persistenceId, sequenceNr, timestamp,
                            Option.apply(stored.metadata().orElse(null)));
                    return Optional.of(SelectedSnapshot.create(metadata, stored.snapshot()));
                } catch (Exception e) {
                    log.warning("snapshot {} of {} in {} cannot be read ({}); trying an older one",
                            sequenceNr, persistenceId, store.dir(), e.toString());
                    lastFailure = e;
                }
            }
        }
        if (lastFailure != null) {
            throw new IllegalStateException("no readable snapshot of " + persistenceId, lastFailure);
        }
        return Optional.empty();
    }

    @Override
    public Future<Void> doSaveAsync(SnapshotMetadata metadata, Object snapshot) {
        Optional<Object> extra = metadata.metadata().isDefined()
                ? Optional.of(metadata.metadata().get()) : Optional.empty();
        byte[] key = PidSeqKey.of(metadata.persistenceId(), metadata.sequenceNr());
        byte[] value;
        try {
            value = codec.encode(metadata.timestamp(), snapshot, extra);
        } catch (RuntimeException e) {
            return Futures.failed(e);
        }
        ColumnFamilyHandle snapshots = store.family(Family.SNAPSHOTS);
        return ScalaFutures.of(store.commit(batch -> batch.put(snapshots, key, value)));
    }

    @Override
    public Future<Void> doDeleteAsync(SnapshotMetadata metadata) {
        byte[] key = PidSeqKey.of(metadata.persistenceId(), metadata.sequenceNr());
        ColumnFamilyHandle snapshots = store.family(Family.SNAPSHOTS);
        return ScalaFutures.of(store.commit(batch -> batch.delete(snapshots, key)));
    }

    @Override
    public Future<Void> doDeleteAsync(String persistenceId, SnapshotSelectionCriteria criteria) {
        ColumnFamilyHandle snapshots = store.family(Family.SNAPSHOTS);
        // Alone, so snapshots saved just before this delete are seen and matched.
        return ScalaFutures.of(store.commitAlone(batch -> {
            try (RangeIterator range = within(persistenceId, criteria)) {
                for (range.raw().seekToFirst(); range.valid(); range.raw().next()) {
                    long timestamp = SnapshotCodec.timestamp(range.raw().value());
                    if (timestamp >= criteria.minTimestamp() && timestamp <= criteria.maxTimestamp()) {
                        batch.delete(snapshots, range.raw().key());
                    }
                }
            }
        }));
    }

    /** The id's snapshots whose sequence numbers the criteria admit. */
    private RangeIterator within(String persistenceId, SnapshotSelectionCriteria criteria) {
        byte[] upper = criteria.maxSequenceNr() == Long.MAX_VALUE
                ? PidSeqKey.prefixEnd(persistenceId)
                : PidSeqKey.of(persistenceId, criteria.maxSequenceNr() + 1);
        byte[] lower = PidSeqKey.of(persistenceId, Math.max(0, criteria.minSequenceNr()));
        return new RangeIterator(store, Family.SNAPSHOTS, lower, upper);
    }
}
