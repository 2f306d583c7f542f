package org.gantry.agent.objects;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorSystem;
import org.gantry.api.job.JobId;
import org.gantry.api.protocol.objects.ObjectName;

/**
 * Where a job's checkpoint directory goes between attempts. {@link #overCluster} ships it to the
 * control plane's object store, so the next attempt resumes on any node; {@link #LOCAL} leaves it
 * on this node only (an agent without a cluster store: tests, the simulated fleet of
 * {@code gantry up}).
 */
public interface Checkpoints {

    /** Whether checkpoints leave this node: when false, nothing is shipped nor restored. */
    boolean shipped();

    /** Replaces {@code dir} with the job's newest stored checkpoint; empty when it has none. */
    CompletionStage<Optional<ObjectTransfer.Fetched>> restore(JobId job, Path dir);

    /**
     * As {@link #restore}, but where the job has no stored checkpoint {@code dir} is emptied: a
     * later attempt starts from exactly what was shipped, never from what an earlier attempt left
     * unshipped on this node (an attempt placed on another node, or another rank of its gang,
     * would not see that). The emptying runs on {@code blocking}.
     */
    default CompletionStage<Optional<ObjectTransfer.Fetched>> restoreLatest(JobId job, Path dir, Executor blocking) {
        return restore(job, dir).thenApplyAsync(fetched -> {
            if (fetched.isEmpty()) {
                try {
                    Pack.deleteRecursively(dir);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot empty " + dir + " for an attempt with no stored checkpoint: "
                            + e.getMessage(), e);
                }
            }
            return fetched;
        }, blocking);
    }

    /** Stores what {@code dir} holds as the job's newest checkpoint; empty when it holds no file. */
    CompletionStage<Optional<ObjectTransfer.Shipped>> ship(JobId job, int attempt, Path dir);

    /** Makes the checkpoints of a node agent in {@code system}; {@code scratch} is its disk for packs. */
    @FunctionalInterface
    interface Factory {
        Checkpoints create(ActorSystem<?> system, Path scratch);
    }

    Checkpoints LOCAL = new Checkpoints() {
        @Override
        public boolean shipped() {
            return false;
        }

        @Override
        public CompletionStage<Optional<ObjectTransfer.Fetched>> restore(JobId job, Path dir) {
            return CompletableFuture.completedFuture(Optional.empty());
        }

        @Override
        public CompletionStage<Optional<ObjectTransfer.Shipped>> ship(JobId job, int attempt, Path dir) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
    };

    /** Checkpoints in the cluster's object store, through an {@link ObjectTransfer}. */
    static Checkpoints overCluster(ActorSystem<?> system, Path scratch) {
        ObjectTransfer transfer = new ObjectTransfer(system, scratch, Duration.ofSeconds(30), Duration.ofMinutes(30));
        return new Checkpoints() {
            @Override
            public boolean shipped() {
                return true;
            }

            @Override
            public CompletionStage<Optional<ObjectTransfer.Fetched>> restore(JobId job, Path dir) {
                return transfer.fetch(new ObjectName.Checkpoint(job), dir);
            }

            @Override
            public CompletionStage<Optional<ObjectTransfer.Shipped>> ship(JobId job, int attempt, Path dir) {
                return transfer.ship(dir, new ObjectName.Checkpoint(job), attempt);
            }
        };
    }
}
