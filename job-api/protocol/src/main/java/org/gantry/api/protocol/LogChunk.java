package org.gantry.api.protocol;

/**
 * A piece of an attempt's log. {@code nextOffset} is where the next read starts;
 * {@code ended} is true when the attempt is over and nothing lies beyond {@code nextOffset};
 * {@code found} is false when the agent has no log for that attempt.
 */
public record LogChunk(byte[] data, long nextOffset, boolean ended, boolean found) implements ClusterMessage {
    public static LogChunk notFound(long offset) {
        return new LogChunk(new byte[0], offset, true, false);
    }
}
