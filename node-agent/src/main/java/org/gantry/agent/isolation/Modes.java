package org.gantry.agent.isolation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/** File ownership and modes as isolation needs them. */
final class Modes {
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    /** Others may pass through to what is theirs inside, but not list it. */
    static final Set<PosixFilePermission> PASS_THROUGH = PosixFilePermissions.fromString("rwx--x--x");

    private Modes() {}

    static int uid(Path path) {
        try {
            return (Integer) Files.getAttribute(path, "unix:uid");
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
    }

    /** Whether a user other than the owner may pass through every directory on the way to {@code dir}. */
    static boolean reachableByOthers(Path dir) {
        for (Path step = dir; step != null; step = step.getParent()) {
            try {
                if (!Files.getPosixFilePermissions(step).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    /**
     * Refuses a directory someone else made (or a link): in the shared temporary directory, one
     * planted ahead of the agent would let its owner redirect what the agent, as root, writes.
     */
    static void requireOwnedByAgent(Path dir) throws IOException {
        int owner = (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        int self = uid(Path.of("/proc/self"));
        if (Files.isSymbolicLink(dir) || owner != self) {
            throw new IOException(dir + " is owned by uid " + owner + (Files.isSymbolicLink(dir) ? " and is a link" : "")
                    + ", not by the agent (uid " + self + "): remove it, or give the agent a data dir others may "
                    + "pass through");
        }
    }

    /** Makes {@code dir} and all in it {@code user}'s, {@code dir} itself 0700; links are changed, not followed. */
    static void handOver(Path dir, JobUser user) throws IOException {
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) tree::iterator) {
                Files.setAttribute(path, "unix:uid", user.uid(), LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(path, "unix:gid", user.gid(), LinkOption.NOFOLLOW_LINKS);
            }
        }
        Files.setPosixFilePermissions(dir, OWNER_ONLY);
    }
}
