package org.gantry.scheduler.sim;

import java.nio.file.Path;

/** A trace file that cannot be read, with the line at fault and what to do about it. */
public final class TraceFormatException extends RuntimeException {
    public TraceFormatException(Path file, long line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
    }
}
