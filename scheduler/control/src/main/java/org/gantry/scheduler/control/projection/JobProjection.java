package org.gantry.scheduler.control.projection;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Sequence;
import org.gantry.api.job.JobId;
import org.gantry.scheduler.control.job.JobEntity;
import org.gantry.scheduler.control.job.JobEvent;
import org.gantry.scheduler.control.job.JobLifecycle;
import org.gantry.storage.tables.TableWrite;

/**
 * Folds a batch of job events, as {@code eventsByTag} delivers them, into the {@link JobTable}
 * with the same function the entities recover by, and saves the offset in the same write: after a
 * crash the table and its offset agree, and a row's sequence number skips what it already holds.
 */
final class JobProjection {
    /** The projection's name in the offset store. */
    static final String NAME = "jobs";
    private static final String PREFIX = JobEntity.TYPE_KEY.name() + "|";

    private final JobTable table;

    JobProjection(JobTable table) {
        this.table = table;
    }

    /** The write that takes the table past {@code batch}, and the offset it ends at. */
    Step apply(List<EventEnvelope> batch) {
        Map<JobId, JobRow> before = new HashMap<>();
        Map<JobId, JobRow> after = new LinkedHashMap<>();
        long offset = -1;
        for (EventEnvelope envelope : batch) {
            offset = ((Sequence) envelope.offset()).value();
            JobId id = jobId(envelope.persistenceId());
            JobRow current = after.containsKey(id) ? after.get(id)
                    : before.computeIfAbsent(id, unread -> table.row(unread).orElse(null));
            long seqNr = envelope.sequenceNr();
            if (current != null && seqNr <= current.seqNr()) {
                continue; // folded in already
            }
            long expected = current == null ? 1 : current.seqNr() + 1;
            if (seqNr != expected) {
                throw new IllegalStateException("job " + id + ": event " + seqNr + " arrived where " + expected
                        + " was due; the job table misses events the tag index does not hold");
            }
            JobLifecycle stage = current == null ? new JobLifecycle.Empty() : current.stage();
            after.put(id, new JobRow(id, seqNr, (JobLifecycle.Known) stage.apply((JobEvent) envelope.event())));
        }
        TableWrite write = new TableWrite();
        after.forEach((id, row) -> table.stage(write, before.get(id), row));
        if (offset >= 0) {
            table.tables().offsets().saveIn(write, NAME, offset);
        }
        return new Step(write, offset);
    }

    /**
     * Writes a step; completes with the offset it took the table to. No WAL sync of its own: the
     * rows and the offset land together, so a write the OS loses only sets the table back to an
     * offset it folds the journal from again (a job's next synced event syncs it anyway): one
     * fsync fewer per batch, which the journal's next group would otherwise wait behind.
     */
    CompletableFuture<Long> commit(Step step) {
        return table.tables().commitUnsynced(step.write()).thenApply(done -> step.offset());
    }

    /** A job's id from its entity's persistence id; anything else is refused. */
    static JobId jobId(String persistenceId) {
        if (!persistenceId.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a job's persistence id: " + persistenceId);
        }
        return JobId.of(persistenceId.substring(PREFIX.length()));
    }

    static boolean isJob(String persistenceId) {
        return persistenceId.startsWith(PREFIX);
    }

    record Step(TableWrite write, long offset) {}
}
