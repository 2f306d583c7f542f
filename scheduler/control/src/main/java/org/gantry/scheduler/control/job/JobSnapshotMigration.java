package org.gantry.scheduler.control.job;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pekko.serialization.jackson.JacksonMigration;

/**
 * Snapshots of a job's stages ({@link JobLifecycle}) are versioned like events. Version 1
 * embedded the API's JobSpec and lacked the GPU-seconds of earlier attempts, which only the
 * events can tell, so it is refused rather than guessed: the snapshot store then tries an older
 * snapshot and, with none readable, recovery replays the job's events, which are never deleted
 * ({@code snapshot-is-optional} in {@code reference.conf}). Version 3 adds the newest checkpoint
 * to the facts, version 4 the latest training epoch; older snapshots read as is, as a job with none yet.
 */
public final class JobSnapshotMigration extends JacksonMigration {

    @Override
    public int currentVersion() {
        return 4;
    }

    @Override
    public JsonNode transform(int fromVersion, JsonNode json) {
        if (fromVersion == 2 || fromVersion == 3) {
            // Version 3 adds facts.lastCheckpoint, version 4 facts.progress; absent, each reads as none.
            return json;
        }
        throw new IllegalStateException("a job snapshot of version " + fromVersion + " predates version "
                + currentVersion() + " (stored spec, attained service); the job's events are replayed instead");
    }
}
