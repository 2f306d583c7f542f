package org.gantry.api.dataset;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Cuts bytes, pushed in chunks of any size, into UTF-8 lines ({@code \n}, {@code \r\n} or
 * {@code \r} ending them). It splits before decoding (UTF-8 never puts those bytes inside a
 * character), so malformed text is reported at its own line rather than wherever a decoder's
 * read-ahead was; and it caps a line's length, so a file without line breaks is refused rather
 * than buffered whole.
 */
final class Utf8Lines {
    private final int maxBytes;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private boolean pendingLine;
    private boolean afterCarriageReturn;
    private long lineNumber;

    Utf8Lines(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Passes every line the chunk completes to {@code lines}, keeping the unfinished rest. */
    void feed(byte[] chunk, int offset, int length, Consumer<String> lines) {
        int end = offset + length;
        int start = offset;
        for (int i = offset; i < end; i++) {
            byte b = chunk[i];
            if (afterCarriageReturn) {
                afterCarriageReturn = false;
                if (b == '\n') {
                    start = i + 1;
                    continue;
                }
            }
            if (b == '\n' || b == '\r') {
                append(chunk, start, i - start);
                lines.accept(take());
                afterCarriageReturn = b == '\r';
                start = i + 1;
            }
        }
        append(chunk, start, end - start);
    }

    /** At the end of the bytes: the last line, when it had no terminator. */
    void end(Consumer<String> lines) {
        if (pendingLine) {
            lines.accept(take());
        }
    }

    private void append(byte[] chunk, int from, int length) {
        if (length <= 0) {
            return;
        }
        pendingLine = true;
        if (pending.size() + length > maxBytes) {
            throw DatasetException.ofLine(lineNumber + 1, "longer than " + maxBytes
                    + " bytes without a line break: not a line-oriented CSV file");
        }
        pending.write(chunk, from, length);
    }

    private String take() {
        lineNumber++;
        byte[] bytes = pending.toByteArray();
        pending.reset();
        pendingLine = false;
        try {
            return decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw DatasetException.ofLine(lineNumber, "not UTF-8 text (a binary file, or text in another encoding)");
        }
    }
}
