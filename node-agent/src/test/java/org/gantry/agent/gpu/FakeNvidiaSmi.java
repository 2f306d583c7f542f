package org.gantry.agent.gpu;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * An {@code nvidia-smi} on a PATH the test owns: a shell script that checks it was asked the
 * discovery's query, then prints a recorded output (a resource under {@code nvidia-smi/}) and
 * exits with the recorded status. {@link #answer} changes what the next run prints, so a test
 * can make a GPU fail or disappear between reads. It counts its runs.
 */
public final class FakeNvidiaSmi {
    private final Path dir;

    public FakeNvidiaSmi(Path dir) {
        this.dir = dir;
        String script = """
                #!/bin/sh
                d=$(dirname "$0")
                echo run >> "$d/runs"
                if [ "$1" != "%s" ] || [ "$2" != "%s" ] || [ $# -ne 2 ]; then
                  echo "unexpected arguments: $*"; exit 64
                fi
                if [ -f "$d/hang" ]; then sleep 30; fi
                cat "$d/answer.out"
                exit "$(cat "$d/answer.rc")"
                """.formatted(SmiLine.QUERY, SmiLine.FORMAT);
        try {
            Path file = dir.resolve(NvidiaSmiGpus.COMMAND);
            Files.writeString(file, script, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        answer("one-gpu.csv", 0);
    }

    /** The PATH to find it on. */
    public String path() {
        return dir + ":/usr/bin:/bin";
    }

    public Path executable() {
        return dir.resolve(NvidiaSmiGpus.COMMAND);
    }

    /** From the next run on, print {@code recording} and exit with {@code exitCode}. */
    public FakeNvidiaSmi answer(String recording, int exitCode) {
        try (InputStream in = FakeNvidiaSmi.class.getResourceAsStream("/nvidia-smi/" + recording)) {
            if (in == null) {
                throw new IllegalArgumentException("no recording " + recording);
            }
            Files.copy(in, dir.resolve("answer.next"), StandardCopyOption.REPLACE_EXISTING);
            // Swapped in whole, so a run never prints half of the old output and half of the new.
            Files.move(dir.resolve("answer.next"), dir.resolve("answer.out"), StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(dir.resolve("answer.rc"), Integer.toString(exitCode));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether runs from now on hang (sleep past any timeout) before answering. */
    public void hang(boolean hang) throws IOException {
        if (hang) {
            Files.writeString(dir.resolve("hang"), "");
        } else {
            Files.deleteIfExists(dir.resolve("hang"));
        }
    }

    public int runs() throws IOException {
        Path runs = dir.resolve("runs");
        return Files.exists(runs) ? Files.readAllLines(runs).size() : 0;
    }
}
