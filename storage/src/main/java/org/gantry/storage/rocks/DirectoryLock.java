package org.gantry.storage.rocks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.gantry.storage.DataDirectoryInUseException;
import org.gantry.storage.StorageOpenException;

/**
 * An advisory lock on {@code <dir>/gantry.lock} holding the owner's process id, taken before
 * RocksDB opens the directory, so a second opener is told which process holds it instead of
 * seeing RocksDB's "While lock file: .../LOCK: Resource temporarily unavailable".
 */
final class DirectoryLock implements AutoCloseable {

    static final String FILE_NAME = "gantry.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DirectoryLock acquire(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                String holder = readHolder(channel);
                channel.close();
                throw new DataDirectoryInUseException(dir, holder.isEmpty() ? "another process" : holder);
            }
            String me = "process " + ProcessHandle.current().pid() + " (since " + Instant.now() + ")";
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            return new DirectoryLock(channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw new DataDirectoryInUseException(dir, "this process (another store has it open)");
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StorageOpenException(dir, "cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    private static String readHolder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(256);
        channel.read(buffer, 0);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).trim();
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing with a clearer error
            }
        }
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
