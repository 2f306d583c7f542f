package org.gantry.agent.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackTest {
    @TempDir
    Path dir;

    @Test
    void aDirectoryComesBackFileForFileWithoutFilesStillBeingWritten() throws IOException {
        Path source = dir.resolve("ckpt");
        Files.createDirectories(source.resolve("shards/0"));
        Files.writeString(source.resolve("count"), "41");
        Files.write(source.resolve("shards/0/weights.bin"), new byte[3 * 1024 * 1024 + 7]);
        Files.writeString(source.resolve("empty"), "");
        Files.writeString(source.resolve("count.tmp"), "42"); // being written: renamed into place later
        Files.writeString(source.resolve(".partial"), "x");
        Files.createSymbolicLink(source.resolve("link"), Path.of("/etc/passwd"));

        Pack.Summary summary = Pack.pack(source, dir.resolve("p.pack"));
        Path target = dir.resolve("restored");
        Files.createDirectories(target);
        Files.writeString(target.resolve("stale"), "from an older attempt");

        assertThat(summary.files()).isEqualTo(3);
        assertThat(summary.bytes()).isEqualTo(Files.size(dir.resolve("p.pack")));
        assertThat(summary.sha256()).hasSize(64);
        assertThat(Pack.unpack(dir.resolve("p.pack"), target)).isEqualTo(3);
        assertThat(contents(target)).isEqualTo(Map.of("count", "41", "empty", "",
                "shards/0/weights.bin", "3145735 bytes"));
        assertThat(dir.resolve("restored.restoring")).doesNotExist();
    }

    @Test
    void anEmptyOrAbsentDirectoryPacksNothing() throws IOException {
        Files.createDirectories(dir.resolve("empty"));
        assertThat(Pack.pack(dir.resolve("empty"), dir.resolve("a.pack")).files()).isZero();
        assertThat(Pack.pack(dir.resolve("absent"), dir.resolve("b.pack")).files()).isZero();
    }

    @Test
    void oneFilePacksUnderItsName() throws IOException {
        Files.writeString(dir.resolve("model.params"), "weights");
        Pack.pack(dir.resolve("model.params"), dir.resolve("m.pack"));
        Pack.unpack(dir.resolve("m.pack"), dir.resolve("out"));
        assertThat(contents(dir.resolve("out"))).isEqualTo(Map.of("model.params", "weights"));
    }

    @Test
    void entriesThatClimbOutOfTheDirectoryAreRefusedAndLeaveItAsItWas() throws IOException {
        Path evil = dir.resolve("evil.pack");
        try (OutputStream file = Files.newOutputStream(evil); DataOutputStream out = new DataOutputStream(file)) {
            out.write("GANTRY-PACK 1\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.writeUTF("../escaped");
            out.writeLong(1);
            out.write('x');
            out.writeUTF("");
        }
        Path target = dir.resolve("target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("kept"), "yes");

        assertThatThrownBy(() -> Pack.unpack(evil, target)).isInstanceOf(IOException.class)
                .hasMessageContaining("'../escaped' points outside its directory");
        assertThat(dir.resolve("escaped")).doesNotExist();
        assertThat(contents(target)).isEqualTo(Map.of("kept", "yes"));
    }

    @Test
    void aPackCutShortIsRefused() throws IOException {
        Files.createDirectories(dir.resolve("src"));
        Files.write(dir.resolve("src/big"), new byte[100_000]);
        Pack.pack(dir.resolve("src"), dir.resolve("full.pack"));
        byte[] all = Files.readAllBytes(dir.resolve("full.pack"));
        Files.write(dir.resolve("cut.pack"), java.util.Arrays.copyOf(all, all.length / 2));

        assertThatThrownBy(() -> Pack.unpack(dir.resolve("cut.pack"), dir.resolve("out")))
                .isInstanceOf(IOException.class);
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void aStreamThatFailsItsCheckAtTheEndLeavesTheDirectoryAsItWas() throws IOException {
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/count"), "99");
        Pack.pack(dir.resolve("src"), dir.resolve("p.pack"));
        Path target = Files.createDirectories(dir.resolve("target"));
        Files.writeString(target.resolve("count"), "41");

        try (var in = Files.newInputStream(dir.resolve("p.pack"))) {
            assertThatThrownBy(() -> Pack.unpack(in, target, () -> {
                throw new IOException("digest differs");
            })).hasMessage("digest differs");
        }
        assertThat(contents(target)).isEqualTo(Map.of("count", "41"));
        assertThat(dir.resolve("target.restoring")).doesNotExist();
    }

    /** Path → text, or its size for binary files. */
    private static Map<String, String> contents(Path root) throws IOException {
        Map<String, String> found = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.filter(Files::isRegularFile).toList()) {
                String name = root.relativize(path).toString();
                found.put(name, name.endsWith(".bin") ? Files.size(path) + " bytes" : Files.readString(path));
            }
        }
        return found;
    }
}
