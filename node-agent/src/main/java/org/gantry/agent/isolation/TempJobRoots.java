package org.gantry.agent.isolation;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/**
 * Job roots kept in the temporary directory, for work directories whose parent others cannot
 * enter. Each names its work directory in a {@value #OWNER} file, so that once that work
 * directory is gone (a test's, or a node removed for good) the next confined agent on the host
 * deletes the root with the homes, run dirs and checkpoints nobody can reach any more.
 */
final class TempJobRoots {
    static final String PREFIX = "gantry-jobs-";
    static final String OWNER = "work-dir";

    private TempJobRoots() {}

    /** The root for {@code workDir} (absolute and normalised) in {@code tmp}. */
    static Path of(Path tmp, Path workDir) {
        return tmp.resolve(PREFIX + Integer.toHexString(workDir.toString().hashCode()));
    }

    /** Records that {@code root} belongs to {@code workDir}. */
    static void claim(Path root, Path workDir) throws IOException {
        Path owner = root.resolve(OWNER);
        if (!Files.isRegularFile(owner) || !Files.readString(owner).equals(workDir.toString())) {
            Files.writeString(owner, workDir.toString());
            Files.setPosixFilePermissions(owner, Modes.OWNER_ONLY_FILE);
        }
    }

    /**
     * Deletes each root in {@code tmp} whose owner file names a work directory that no longer
     * exists; a root without one (made before owners were written), or not the agent's own, is
     * left. Links are deleted, never followed. Returns how many roots went.
     */
    static int sweepOrphans(Path tmp) {
        int removed = 0;
        try (Stream<Path> entries = Files.list(tmp)) {
            for (Path root : entries.filter(p -> p.getFileName().toString().startsWith(PREFIX)).toList()) {
                Path owner = root.resolve(OWNER);
                if (Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS) && ownedByAgent(root)
                        && Files.isRegularFile(owner) && !Files.exists(Path.of(Files.readString(owner).strip()))) {
                    deleteTree(root);
                    removed++;
                }
            }
        } catch (IOException e) {
            return removed;
        }
        return removed;
    }

    private static boolean ownedByAgent(Path root) {
        try {
            Modes.requireOwnedByAgent(root);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
