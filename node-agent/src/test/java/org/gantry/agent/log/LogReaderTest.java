package org.gantry.agent.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gantry.api.protocol.LogChunk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsFromAnOffsetUpToMaxBytes() throws IOException {
        Path log = Files.writeString(dir.resolve("out.log"), "0123456789");

        LogChunk chunk = LogReader.read(log, 2, 5, true);

        assertThat(new String(chunk.data(), StandardCharsets.UTF_8)).isEqualTo("23456");
        assertThat(chunk.nextOffset()).isEqualTo(7);
        assertThat(chunk.ended()).isFalse();
        assertThat(chunk.found()).isTrue();
    }

    @Test
    void endedOnlyWhenTheAttemptIsOverAndTheEndIsReached() throws IOException {
        Path log = Files.writeString(dir.resolve("out.log"), "abc");

        assertThat(LogReader.read(log, 0, 100, false).ended()).isFalse();
        assertThat(LogReader.read(log, 0, 100, true).ended()).isTrue();
        LogChunk past = LogReader.read(log, 10, 100, true);
        assertThat(past.data()).isEmpty();
        assertThat(past.nextOffset()).isEqualTo(10);
        assertThat(past.ended()).isTrue();
    }

    @Test
    void chunksAreCappedAndAMissingFileIsNotFound() throws IOException {
        Path log = Files.write(dir.resolve("big.log"), new byte[LogReader.MAX_CHUNK_BYTES + 10]);

        assertThat(LogReader.read(log, 0, Integer.MAX_VALUE, true).data()).hasSize(LogReader.MAX_CHUNK_BYTES);
        assertThat(LogReader.read(dir.resolve("none.log"), 0, 10, true).found()).isFalse();
    }
}
