package org.gantry.agent.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Job roots in the temporary directory outlive their work directory only until the next agent starts. */
class TempJobRootsTest {
    @TempDir
    Path tmp;

    @Test
    void aRootWhoseWorkDirIsGoneIsDeletedWithEverythingInIt() throws Exception {
        Path gone = tmp.resolve("node-gone");
        Path orphan = root(gone);
        Files.createDirectories(orphan.resolve("homes/61000/.cache"));
        Files.writeString(orphan.resolve("homes/61000/.cache/file"), "x");
        Path outside = Files.writeString(tmp.resolve("outside"), "kept");
        Files.createSymbolicLink(orphan.resolve("homes/61000/link"), outside);

        assertThat(TempJobRoots.sweepOrphans(tmp)).isEqualTo(1);

        assertThat(orphan).doesNotExist();
        assertThat(outside).hasContent("kept");
    }

    @Test
    void aRootWhoseWorkDirIsThereOrThatNamesNoneIsKept() throws Exception {
        Path live = root(Files.createDirectories(tmp.resolve("node-live")));
        Path unnamed = Files.createDirectories(tmp.resolve(TempJobRoots.PREFIX + "old"));

        assertThat(TempJobRoots.sweepOrphans(tmp)).isZero();

        assertThat(live).isDirectory();
        assertThat(unnamed).isDirectory();
    }

    @Test
    void claimingTwiceKeepsOneOwner() throws Exception {
        Path workDir = tmp.resolve("node-a");
        Path root = root(workDir);

        TempJobRoots.claim(root, workDir);

        assertThat(root.resolve(TempJobRoots.OWNER)).hasContent(workDir.toString());
    }

    private Path root(Path workDir) throws Exception {
        Path root = Files.createDirectories(TempJobRoots.of(tmp, workDir));
        TempJobRoots.claim(root, workDir);
        return root;
    }
}
