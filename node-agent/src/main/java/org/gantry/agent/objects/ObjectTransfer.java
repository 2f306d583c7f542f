package org.gantry.agent.objects;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.StreamRefAttributes;
import org.apache.pekko.stream.javadsl.FileIO;
import org.apache.pekko.stream.javadsl.StreamConverters;
import org.gantry.api.protocol.objects.DownloadReply;
import org.gantry.api.protocol.objects.ObjectCommand;
import org.gantry.api.protocol.objects.ObjectName;
import org.gantry.api.protocol.objects.ObjectStoreKey;
import org.gantry.api.protocol.objects.UploadReply;

/**
 * Ships a directory or file to the control plane's object store under a name, and fetches a
 * stored object back into a directory (or, for a dataset, a file): the agent's side of
 * checkpoints, model artifacts and datasets. The bytes travel as Pekko stream refs in elements far below Artery's
 * frame size; every packing, hashing and unpacking runs on the blocking dispatcher.
 *
 * <p>Checked end to end: the pack's SHA-256 goes with the upload and the store commits only what
 * hashes to it; a download is hashed and unpacked (into a staging directory) as it arrives, and
 * replaces the target directory only when the whole of it matches the store's manifest.
 */
public final class ObjectTransfer {
    /** Bytes per stream element: a quarter of Artery's default 256 KiB frame, with room for the envelope. */
    public static final int ELEMENT_SIZE = 128 * 1024;
    /** Elements a download asks for ahead: 16 MiB in flight keeps the connection busy between round trips. */
    static final int BUFFER_ELEMENTS = 128;

    private final ActorSystem<?> system;
    private final Path scratch;
    private final Duration askTimeout;
    private final Duration transferTimeout;
    private final Executor blocking;
    private final Materializer materializer;
    private final AtomicLong names = new AtomicLong();

    /**
     * @param scratch         where packs wait while they travel (on the node's disk, beside its work)
     * @param askTimeout      how long the store may take to answer a request, and to be found
     * @param transferTimeout how long one object may take to travel and be stored
     */
    public ObjectTransfer(ActorSystem<?> system, Path scratch, Duration askTimeout, Duration transferTimeout) {
        this.system = system;
        this.scratch = scratch;
        this.askTimeout = askTimeout;
        this.transferTimeout = transferTimeout;
        this.blocking = system.dispatchers().lookup(DispatcherSelector.blocking());
        this.materializer = Materializer.createMaterializer(system);
    }

    /** What a ship stored: the store's answer, and how many files the pack held. */
    public record Shipped(UploadReply.Stored stored, int files) {}

    /** What a fetch restored. */
    public record Fetched(long step, long bytes, int files) {}

    /**
     * Packs {@code source} (a consistent view: see {@link Pack}) and stores it as {@code name} for
     * attempt {@code attempt}. Empty when there was nothing to ship (no files); fails with the
     * store's reason when it refused, in which case the name keeps what it held.
     */
    public CompletionStage<Optional<Shipped>> ship(Path source, ObjectName name, int attempt) {
        Path pack = scratch.resolve("ship-" + name.job().value() + "-" + names.incrementAndGet() + ".pack");
        CompletionStage<Optional<Shipped>> shipped = CompletableFuture.supplyAsync(() -> {
            try {
                Files.createDirectories(scratch);
                return Pack.pack(source, pack);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot pack " + source + ": " + e.getMessage(), e);
            }
        }, blocking).thenCompose(summary -> summary.files() == 0 ? CompletableFuture.completedFuture(Optional.empty())
                : upload(pack, summary, name, attempt).thenApply(stored -> Optional.of(new Shipped(stored,
                        summary.files()))));
        return shipped.whenCompleteAsync((result, failure) -> deleteQuietly(pack), blocking);
    }

    private CompletionStage<UploadReply.Stored> upload(Path pack, Pack.Summary summary, ObjectName name, int attempt) {
        return store().thenCompose(store -> AskPattern.<ObjectCommand, UploadReply>ask(store,
                        replyTo -> new ObjectCommand.Upload(name, attempt, summary.bytes(), summary.sha256(), replyTo),
                        askTimeout, system.scheduler())
                .thenCompose(reply -> {
                    if (!(reply instanceof UploadReply.Ready ready)) {
                        throw new IllegalStateException("the store refused " + name.describe() + ": " + reply);
                    }
                    // The file is read out once the store took it all; the outcome says whether it stored it.
                    return FileIO.fromPath(pack, ELEMENT_SIZE).to(ready.sink().getSink()).run(materializer)
                            .thenCompose(sent -> AskPattern.<ObjectCommand, UploadReply>ask(store,
                                    replyTo -> new ObjectCommand.Outcome(ready.uploadId(), replyTo), transferTimeout,
                                    system.scheduler()));
                })
                .thenApply(outcome -> {
                    if (outcome instanceof UploadReply.Stored stored) {
                        return stored;
                    }
                    throw new IllegalStateException(outcome instanceof UploadReply.Failed failed ? failed.reason()
                            : "unexpected answer " + outcome);
                }));
    }

    /**
     * Fetches {@code name} and unpacks it into {@code dir}, replacing what it held; empty (and
     * {@code dir} untouched) when the store has nothing under that name.
     */
    public CompletionStage<Optional<Fetched>> fetch(ObjectName name, Path dir) {
        return download(name, ready -> receive(ready, dir));
    }

    /**
     * Fetches {@code name}, an object stored as a plain file (a dataset), to {@code file}: written
     * beside it and hashed as it arrives, moved into place only when the whole of it matches the
     * store's size and digest. Empty (and {@code file} untouched) when the store has nothing by that
     * name; else the bytes fetched.
     */
    public CompletionStage<Optional<Long>> fetchFile(ObjectName name, Path file) {
        return download(name, ready -> receiveFile(ready, file));
    }

    /** Asks the store for {@code name} and hands a ready download to {@code receive}; empty when it has none. */
    private <T> CompletionStage<Optional<T>> download(ObjectName name,
                                                      Function<DownloadReply.Ready, CompletionStage<T>> receive) {
        return store().thenCompose(store -> AskPattern.<ObjectCommand, DownloadReply>ask(store,
                        replyTo -> new ObjectCommand.Download(name, replyTo), askTimeout, system.scheduler()))
                .thenCompose(reply -> {
                    if (reply instanceof DownloadReply.NotFound) {
                        return CompletableFuture.completedFuture(Optional.<T>empty());
                    }
                    if (reply instanceof DownloadReply.Failed failed) {
                        throw new IllegalStateException(failed.reason());
                    }
                    return receive.apply((DownloadReply.Ready) reply).thenApply(Optional::of);
                });
    }

    /** The download's bytes as they arrive, with the transfer's buffer and timeout. */
    private InputStream bytesOf(DownloadReply.Ready ready) {
        return ready.source().getSource()
                .addAttributes(StreamRefAttributes.bufferCapacity(BUFFER_ELEMENTS))
                .runWith(StreamConverters.asInputStream(transferTimeout), materializer);
    }

    /** Fails unless what arrived has the size and SHA-256 the store's manifest gives. */
    private static void checkArrived(DownloadReply.Ready ready, long size, MessageDigest sha, String outcome)
            throws IOException {
        String actual = HexFormat.of().formatHex(sha.digest());
        if (size != ready.size() || !actual.equalsIgnoreCase(ready.sha256())) {
            throw new IOException(ready.name().describe() + " arrived damaged: " + size + " bytes with SHA-256 "
                    + actual + ", the store holds " + ready.size() + " bytes with " + ready.sha256() + outcome);
        }
    }

    private CompletionStage<Long> receiveFile(DownloadReply.Ready ready, Path file) {
        InputStream bytes = bytesOf(ready);
        return CompletableFuture.supplyAsync(() -> {
            Path partial = file.resolveSibling(file.getFileName() + ".part");
            MessageDigest sha = Pack.sha256();
            try (InputStream in = new DigestInputStream(bytes, sha)) {
                Files.createDirectories(file.getParent());
                long size = Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                checkArrived(ready, size, sha, "");
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
                return size;
            } catch (IOException e) {
                deleteQuietly(partial);
                throw new UncheckedIOException("cannot fetch " + ready.name().describe() + " to " + file + ": "
                        + e.getMessage(), e);
            }
        }, blocking);
    }

    /**
     * Unpacks the bytes as they arrive (into a staging directory), hashing them on the way; only
     * when the whole stream has the store's size and digest does it replace {@code dir}.
     */
    private CompletionStage<Fetched> receive(DownloadReply.Ready ready, Path dir) {
        InputStream bytes = bytesOf(ready);
        return CompletableFuture.supplyAsync(() -> {
            MessageDigest sha = Pack.sha256();
            try (CountingInputStream counted = new CountingInputStream(new DigestInputStream(bytes, sha))) {
                int files = Pack.unpack(counted, dir,
                        () -> checkArrived(ready, counted.count(), sha, "; nothing was restored"));
                return new Fetched(ready.step(), counted.count(), files);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot restore " + ready.name().describe() + " into " + dir + ": "
                        + e.getMessage(), e);
            }
        }, blocking);
    }

    /** Counts what is read through it. */
    private static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            int n = super.read(bytes, offset, length);
            count += Math.max(n, 0);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }

    /** The store, once the receptionist knows it (right after a control-plane failover it may not yet). */
    private CompletionStage<ActorRef<ObjectCommand>> store() {
        return ServiceLookup.find(system, ObjectStoreKey.STORE, "object store", askTimeout);
    }

    private static void deleteQuietly(Path pack) {
        try {
            Files.deleteIfExists(pack);
        } catch (IOException e) {
            // A stray pack in the scratch dir; the next one gets another name.
        }
    }
}
