package org.gantry.scheduler.control.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.gantry.scheduler.control.ControlPlaneHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reader waits for the offset it needs, not for everything the journal holds. */
class ProjectionProgressTest {
    @TempDir
    Path dataDir;

    private ActorSystem<Void> system;
    private ProjectionProgress progress;

    @BeforeEach
    void open() {
        system = ActorSystem.create(Behaviors.empty(), "progress", ControlPlaneHarness.config(dataDir));
        progress = new ProjectionProgress(JobTable.open(system));
    }

    @AfterEach
    void close() {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().join();
    }

    @Test
    void aWaitEndsOnceTheTableReachesItsOwnTarget() {
        CompletableFuture<Void> started = progress.caughtUpTo(0).toCompletableFuture();
        assertThat(started).as("not before the projector has started").isNotDone();
        progress.advance(5);
        assertThat(started).isDone();

        CompletableFuture<Void> own = progress.caughtUpTo(5).toCompletableFuture();
        CompletableFuture<Void> later = progress.caughtUpTo(9).toCompletableFuture();
        assertThat(own).as("what the table already holds: at once").isDone();
        assertThat(later).isNotDone();
        progress.advance(8);
        assertThat(later).isNotDone();
        progress.advance(9);
        assertThat(later).isDone();
    }
}
