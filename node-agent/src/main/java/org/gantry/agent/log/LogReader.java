package org.gantry.agent.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.gantry.api.protocol.LogChunk;

/**
 * Reads a piece of a log file. A chunk is capped well below Pekko's remote frame size
 * (256 KiB by default), since it travels to the control plane in one message; the caller
 * continues from {@code nextOffset}.
 */
public final class LogReader {
    public static final int MAX_CHUNK_BYTES = 128 * 1024;

    private LogReader() {}

    /** {@code attemptOver}: nothing more will be written, so reaching the end means {@code ended}. */
    public static LogChunk read(Path file, long offset, int maxBytes, boolean attemptOver) {
        long from = Math.max(0, offset);
        if (!Files.isRegularFile(file)) {
            return LogChunk.notFound(from);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            int want = (int) Math.max(0, Math.min(Math.min(maxBytes, MAX_CHUNK_BYTES), size - from));
            ByteBuffer buffer = ByteBuffer.allocate(want);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, from + buffer.position()) < 0) {
                    break;
                }
            }
            long next = from + buffer.position();
            return new LogChunk(Arrays.copyOf(buffer.array(), buffer.position()), next, attemptOver && next >= size,
                    true);
        } catch (IOException e) {
            return LogChunk.notFound(from);
        }
    }
}
