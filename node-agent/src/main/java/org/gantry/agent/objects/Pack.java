package org.gantry.agent.objects;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A directory (or one file) as one stream of bytes, and back. The format is Gantry's own and
 * small: a magic line, then per regular file its path relative to the root ('/'-separated,
 * modified UTF-8) and its length and bytes, then an empty path. Files whose names start with
 * '.' or end in '.tmp' are being written (the convention: write, then rename into place) and
 * are left out; so are links, which could point anywhere on the node.
 *
 * <p>Each file is copied from one open handle for the length it had when opened, so a file
 * renamed over meanwhile still packs whole, from its old contents; a file written in place
 * that shrinks while it is read fails the pack instead of shipping a torn copy.
 */
public final class Pack {
    private static final byte[] MAGIC = "GANTRY-PACK 1\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int BUFFER = 1 << 20;

    /** What a pack holds: {@code files} files, {@code bytes} long, with this SHA-256 (hex). */
    public record Summary(int files, long bytes, String sha256) {}

    private Pack() {}

    /** Whether the job is still writing this file (by the naming convention), so it is not packed. */
    static boolean inProgress(String name) {
        return name.startsWith(".") || name.endsWith(".tmp");
    }

    /** Packs {@code source} (a directory, or one file) into {@code pack}; an absent source packs nothing. */
    public static Summary pack(Path source, Path pack) throws IOException {
        List<Path> files = files(source);
        MessageDigest sha = sha256();
        Path root = Files.isDirectory(source) ? source : source.getParent();
        try (OutputStream file = Files.newOutputStream(pack);
             DigestOutputStream digest = new DigestOutputStream(new BufferedOutputStream(file, BUFFER), sha);
             DataOutputStream out = new DataOutputStream(digest)) {
            out.write(MAGIC);
            for (Path path : files) {
                writeEntry(out, root.relativize(path), path);
            }
            out.writeUTF("");
        }
        return new Summary(files.size(), Files.size(pack), HexFormat.of().formatHex(sha.digest()));
    }

    private static List<Path> files(Path source) throws IOException {
        List<Path> files = new ArrayList<>();
        if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
            return files;
        }
        if (Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
            files.add(source);
            return files;
        }
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(source) && inProgress(dir.getFileName().toString()) ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && !inProgress(file.getFileName().toString())) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof java.nio.file.NoSuchFileException) {
                    return FileVisitResult.CONTINUE; // renamed away while we looked: the new name is visited
                }
                throw e;
            }
        });
        files.sort(null);
        return files;
    }

    private static void writeEntry(DataOutputStream out, Path relative, Path file) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long size = in.size();
            out.writeUTF(portable(relative));
            out.writeLong(size);
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(BUFFER, Math.max(1, size)));
            long left = size;
            while (left > 0) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), left));
                int n = in.read(buffer);
                if (n < 0) {
                    throw new IOException(file + " shrank while it was packed: write checkpoint files under a "
                            + "temporary name, then rename them into place");
                }
                out.write(buffer.array(), 0, n);
                left -= n;
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // Renamed away between listing and opening (nothing of it written yet): left out.
        }
    }

    private static String portable(Path relative) {
        List<String> parts = new ArrayList<>();
        relative.forEach(part -> parts.add(part.toString()));
        return String.join("/", parts);
    }

    /**
     * Unpacks {@code pack} into {@code dir}, replacing what it held. The files land in a staging
     * directory beside it first, so a pack that turns out malformed leaves {@code dir} as it was.
     * A path that is absolute or climbs out of the directory is refused.
     */
    public static int unpack(Path pack, Path dir) throws IOException {
        try (InputStream in = Files.newInputStream(pack)) {
            return unpack(in, dir, () -> { });
        }
    }

    /** Checks a whole stream once it is read to its end, before what it held replaces anything. */
    @FunctionalInterface
    public interface Check {
        void verify() throws IOException;
    }

    /**
     * Unpacks the pack {@code in} delivers, as it arrives, into a staging directory beside
     * {@code dir}; reads {@code in} to its very end, runs {@code check} (a digest of everything
     * read, say), and only then moves the staging directory over {@code dir}. Anything wrong on
     * the way (a malformed pack, a failed check) leaves {@code dir} as it was.
     */
    public static int unpack(InputStream pack, Path dir, Check check) throws IOException {
        Path staging = dir.resolveSibling(dir.getFileName() + ".restoring");
        deleteRecursively(staging);
        Files.createDirectories(staging);
        int files = 0;
        try {
            DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(pack, BUFFER));
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new IOException("not a Gantry pack (bad magic)");
            }
            for (String name = in.readUTF(); !name.isEmpty(); name = in.readUTF()) {
                Path target = staging.resolve(name).normalize();
                if (Path.of(name).isAbsolute() || !target.startsWith(staging) || target.equals(staging)) {
                    throw new IOException("pack entry '" + name + "' points outside its directory");
                }
                long size = in.readLong();
                if (size < 0) {
                    throw new IOException("pack entry '" + name + "' has a negative size");
                }
                Files.createDirectories(target.getParent());
                try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE)) {
                    long copied = out.transferFrom(Channels.newChannel(new Bounded(in, size)), 0, size);
                    if (copied != size) {
                        throw new EOFException("pack entry '" + name + "' is cut short");
                    }
                }
                files++;
            }
            if (in.read() != -1) {
                throw new IOException("the pack goes on past its end marker");
            }
            check.verify();
        } catch (IOException | RuntimeException e) {
            deleteRecursively(staging);
            throw e;
        }
        deleteRecursively(dir);
        Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
        return files;
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /** At most {@code left} bytes of the pack: one entry's. */
    private static final class Bounded extends InputStream {
        private final InputStream in;
        private long left;

        Bounded(InputStream in, long left) {
            this.in = in;
            this.left = left;
        }

        @Override
        public int read() throws IOException {
            if (left == 0) {
                return -1;
            }
            int b = in.read();
            left -= b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            if (left == 0) {
                return -1;
            }
            int n = in.read(bytes, offset, (int) Math.min(length, left));
            left -= Math.max(n, 0);
            return n;
        }
    }
}
