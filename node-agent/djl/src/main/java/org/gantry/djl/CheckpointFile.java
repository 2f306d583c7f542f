package org.gantry.djl;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import org.gantry.api.json.GantryJson;

/**
 * The one checkpoint file of a run, in its checkpoint directory: the {@link CheckpointState}, the
 * MLP's parameters and the optimizer's state, with a CRC32 at the end. It is written to a temporary
 * name, synced, then renamed over the previous one, so the directory always holds one complete
 * checkpoint, whenever the process dies and whenever the agent copies the directory.
 */
final class CheckpointFile {
    static final String NAME = "djl-train.ckpt";
    private static final String TEMPORARY = NAME + ".tmp";
    private static final byte[] MAGIC = "GANTRY-DJL-CKPT\n".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;

    private CheckpointFile() {}

    static void write(Path dir, CheckpointState state, Block block, SavableAdam optimizer) throws IOException {
        Files.createDirectories(dir);
        Path temporary = dir.resolve(TEMPORARY);
        try (FileOutputStream file = new FileOutputStream(temporary.toFile())) {
            CheckedOutputStream checked = new CheckedOutputStream(new BufferedOutputStream(file, 1 << 16), new CRC32());
            DataOutputStream out = new DataOutputStream(checked);
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(GantryJson.mapper().writeValueAsString(state));
            block.saveParameters(out);
            optimizer.save(out);
            out.flush();
            out.writeLong(checked.getChecksum().getValue());
            out.flush();
            file.getFD().sync();
        }
        Files.move(temporary, dir.resolve(NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true); // the rename itself survives a crash of the machine
        }
    }

    /**
     * Reads the checkpoint in {@code dir}: empty when there is none; otherwise its state, with the
     * parameters and optimizer state loaded into {@code block} and {@code optimizer} only if
     * {@code resume} accepts that state. Removes a temporary file a killed write left behind.
     *
     * @throws IOException when the file is there but damaged or of another format
     */
    static Optional<CheckpointState> read(Path dir, Predicate<CheckpointState> resume, Block block,
                                          SavableAdam optimizer, NDManager manager) throws IOException {
        Files.deleteIfExists(dir.resolve(TEMPORARY));
        Path path = dir.resolve(NAME);
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        byte[] bytes = Files.readAllBytes(path);
        if (bytes.length < MAGIC.length + Integer.BYTES + Long.BYTES
                || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IOException(path + " is not a Gantry DJL checkpoint");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - Long.BYTES);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        in.skipNBytes(bytes.length - Long.BYTES);
        if (in.readLong() != crc.getValue()) {
            throw new IOException(path + " is damaged (its checksum does not match)");
        }
        in = new DataInputStream(new ByteArrayInputStream(bytes, MAGIC.length, bytes.length - MAGIC.length));
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException(path + " has format version " + version + ", this trainer reads " + VERSION);
        }
        CheckpointState state = GantryJson.mapper().readValue(in.readUTF(), CheckpointState.class);
        if (resume.test(state)) {
            try {
                block.loadParameters(manager, in);
            } catch (MalformedModelException e) {
                throw new IOException(path + " holds parameters of another model: " + e.getMessage(), e);
            }
            optimizer.load(in);
        }
        return Optional.of(state);
    }
}
