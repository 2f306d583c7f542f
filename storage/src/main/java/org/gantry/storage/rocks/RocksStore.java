package org.gantry.storage.rocks;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.gantry.storage.StorageOpenException;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.Env;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.SstFileManager;
import org.rocksdb.WALRecoveryMode;

/**
 * One RocksDB instance over one data directory, with a column family per kind of record
 * ({@link Family}) and a single group-commit writer. Journal, snapshot store, read journal and
 * checkpoint store all share it; reads go straight to RocksDB from any thread.
 */
public final class RocksStore implements AutoCloseable {

    static {
        RocksDB.loadLibrary();
    }

    private final StoreSettings settings;
    private final RocksErrors errors;
    private final DirectoryLock lock;
    private final DBOptions dbOptions;
    /**
     * Watches the directory's free space, which RocksDB's documentation gives as what lets it
     * recover by itself from a flush or compaction that failed for want of space (not exercised by
     * a test here). A failed WAL append it does not recover from, with it or without (tried);
     * {@link FreeSpaceReserve} keeps those from happening.
     */
    private final SstFileManager spaceWatch;
    private final ColumnFamilies columnFamilies;
    private final List<ColumnFamilyHandle> handles;
    private final Map<Family, ColumnFamilyHandle> families = new EnumMap<>(Family.class);
    private final RocksDB db;
    private final GroupCommitWriter writer;
    private final LongSupplier diskFree;
    private volatile long lastFree = -1;
    private volatile long freeCheckedAt;
    private final TagOrdering tagOrdering;
    /** Tagged events kept as objects for live queries: more than a projection's largest batch. */
    private static final int RECENT_TAGGED = 4_096;
    private final WriteSignal journalWrites = new WriteSignal();
    private final RecentlyWritten recentlyTagged = new RecentlyWritten(RECENT_TAGGED);
    private final WriteTimings journalTimings = new WriteTimings();

    private RocksStore(StoreSettings settings, DirectoryLock lock) {
        this.settings = settings;
        this.errors = new RocksErrors(settings.dir());
        this.lock = lock;
        this.spaceWatch = newSpaceWatch();
        this.dbOptions = new DBOptions()
                .setSstFileManager(spaceWatch)
                .setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true)
                .setMaxBackgroundJobs(2)
                .setKeepLogFileNum(5)
                // A rarely written family must not pin old WAL files forever.
                .setMaxTotalWalSize(128L * 1024 * 1024)
                .setWalRecoveryMode(WALRecoveryMode.PointInTimeRecovery);
        this.columnFamilies = new ColumnFamilies(settings.blobFiles());
        this.handles = new ArrayList<>();
        try {
            this.db = RocksDB.open(dbOptions, settings.dir().toString(), columnFamilies.descriptors(), handles);
        } catch (RocksDBException e) {
            closeOptions();
            throw errors.onOpen(e);
        }
        Family[] all = Family.values();
        for (int i = 0; i < all.length; i++) {
            families.put(all[i], handles.get(i + 1)); // handles[0] is RocksDB's default family
        }
        try {
            this.tagOrdering = TagOrdering.recover(this); // before the writer starts: nothing moves yet
        } catch (RuntimeException e) {
            handles.forEach(ColumnFamilyHandle::close);
            db.close();
            closeOptions();
            throw e;
        }
        this.diskFree = usableSpace(settings.dir());
        this.writer = new GroupCommitWriter(db, settings.sync(), settings.maxGroupWrites(), errors,
                new FreeSpaceReserve(settings.minFreeBytes(), diskFree, System::nanoTime),
                "gantry-rocksdb-writer " + settings.dir().getFileName());
    }

    /**
     * Opens (creating if needed) the data directory. Fails with
     * {@link org.gantry.storage.DataDirectoryInUseException} when another process holds it.
     */
    public static RocksStore open(StoreSettings settings) {
        try {
            Files.createDirectories(settings.dir());
        } catch (IOException e) {
            throw new StorageOpenException(settings.dir(), "cannot create it: " + e, e);
        }
        DirectoryLock lock = DirectoryLock.acquire(settings.dir());
        try {
            return new RocksStore(settings, lock);
        } catch (RuntimeException e) {
            try {
                lock.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    public StoreSettings settings() {
        return settings;
    }

    public Path dir() {
        return settings.dir();
    }

    public RocksDB db() {
        return db;
    }

    public ColumnFamilyHandle family(Family family) {
        return families.get(family);
    }

    public RocksErrors errors() {
        return errors;
    }

    /** Free space on the data directory's disk, as this process may use it (statvfs, asked now); {@link Long#MAX_VALUE} when unknown. */
    public long diskFreeBytes() {
        return diskFree.getAsLong();
    }

    /**
     * Why writes are refused now for want of space, in words that say how to fix it; null while
     * the reserve is kept. Any thread: a caller about to write (a submit, say) learns it at once,
     * instead of from a write that fails later. Asks the disk at most every 10 ms.
     */
    public String spaceShortage() {
        long reserve = settings.minFreeBytes();
        if (reserve == 0) {
            return null;
        }
        long now = System.nanoTime();
        long free = lastFree;
        if (now - freeCheckedAt >= FreeSpaceReserve.RECHECK_NANOS || free < 0) {
            free = diskFree.getAsLong();
            lastFree = free; // racy on purpose: any recent reading will do
            freeCheckedAt = now;
        }
        return free >= reserve ? null : FreeSpaceReserve.shortage(free, reserve);
    }

    /** Writes refused so far because the disk's free space was under {@link StoreSettings#minFreeBytes()}. */
    public long writesRefusedForSpace() {
        return writer.refusedForSpace();
    }

    /** Makes {@code work} durable in the next group commit (synced when settings say so). */
    public CompletableFuture<Void> commit(BatchWork work) {
        return writer.submit(work, false, true);
    }

    /**
     * Like {@link #commit}, but completes once written, without waiting for a WAL sync of its
     * own: it survives a kill -9 of this process, and an OS crash only once a later synced
     * commit (or RocksDB's own flush) has made it durable with it. For data rebuilt from the
     * journal after a loss, as the job table is.
     */
    public CompletableFuture<Void> commitUnsynced(BatchWork work) {
        return writer.submit(work, false, false);
    }

    /**
     * Like {@link #commit}, but in a group of its own, after every write queued before it: for
     * work that reads the database to decide what to write (deletes up to the highest sequence
     * number, replacing a manifest).
     */
    public CompletableFuture<Void> commitAlone(BatchWork work) {
        return writer.submit(work, true, true);
    }

    /** The global ordering of tagged events; advance it only inside a {@link BatchWork}. */
    public TagOrdering tagOrdering() {
        return tagOrdering;
    }

    /** The events of the latest tagged writes, by ordering; put only inside a {@link BatchWork}. */
    public RecentlyWritten recentlyTagged() {
        return recentlyTagged;
    }

    /** Fired by the journal after each commit, so live queries need not wait for their next poll. */
    public WriteSignal journalWrites() {
        return journalWrites;
    }

    /** How long journal writes take, for whoever exports metrics. */
    public WriteTimings journalTimings() {
        return journalTimings;
    }

    public CommitCounts commitCounts() {
        return writer.counts();
    }

    @Override
    public void close() {
        writer.close();
        handles.forEach(ColumnFamilyHandle::close);
        try {
            db.closeE();
        } catch (RocksDBException e) {
            throw errors.onWrite(e);
        } finally {
            closeOptions();
            try {
                lock.close();
            } catch (IOException ignored) {
                // the process is letting go of the directory either way
            }
        }
    }

    private void closeOptions() {
        columnFamilies.close();
        dbOptions.close();
        spaceWatch.close();
    }

    /** The free space of the directory's disk as this process may use it; unknown counts as plenty. */
    private static LongSupplier usableSpace(Path dir) {
        FileStore disk;
        try {
            disk = Files.getFileStore(dir);
        } catch (IOException e) {
            return () -> Long.MAX_VALUE;
        }
        return () -> {
            try {
                return disk.getUsableSpace();
            } catch (IOException e) {
                return Long.MAX_VALUE;
            }
        };
    }

    private SstFileManager newSpaceWatch() {
        try {
            return new SstFileManager(Env.getDefault());
        } catch (RocksDBException e) {
            throw errors.onOpen(e);
        }
    }
}
