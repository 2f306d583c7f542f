package org.gantry.scheduler.control.objects;

import java.io.OutputStream;
import org.gantry.storage.objects.ObjectWriter;

/**
 * The writer as the stream's sink sees it: closing it at the end of the stream must not drop
 * the upload (which is what {@link ObjectWriter#close()} does); commit or abort decide that.
 */
final class KeepOpen extends OutputStream {
    private final ObjectWriter writer;

    KeepOpen(ObjectWriter writer) {
        this.writer = writer;
    }

    @Override
    public void write(int b) {
        writer.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        writer.write(bytes, offset, length);
    }

    @Override
    public void close() {
        // The upload's outcome is decided after the stream, by commit or abort.
    }
}
