package org.gantry.scheduler.control.projection;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.SerializationExtension;
import org.gantry.api.job.Job;
import org.gantry.api.job.JobId;
import org.gantry.api.job.JobState;
import org.gantry.api.service.JobPage;
import org.gantry.api.service.JobQuery;
import org.gantry.api.tenant.TenantId;
import org.gantry.storage.tables.Page;
import org.gantry.storage.tables.Row;
import org.gantry.storage.tables.Scan;
import org.gantry.storage.tables.Table;
import org.gantry.storage.tables.TableKey;
import org.gantry.storage.tables.TableWrite;
import org.gantry.storage.tables.Tables;

/**
 * Every job as its events leave it, in RocksDB: table {@value #ROWS} holds one {@link JobRow}
 * per job, table {@value #INDEX} lists the jobs newest first, overall and by state, tenant, and
 * tenant and state ({@link JobIndexKey}). The {@link JobProjector} alone writes it; anyone reads
 * it, from any thread, without asking an actor: finished jobs live only here, not in the
 * scheduler's memory.
 */
public final class JobTable {
    static final String ROWS = "jobs";
    static final String INDEX = "job-index";
    private static final byte[] NOTHING = new byte[0];
    /** The states a job holds a place in the scheduler's view in. */
    private static final List<JobState> LIVE =
            Arrays.stream(JobState.values()).filter(state -> !state.isTerminal()).toList();
    private static final int LIVE_PAGE = 10_000;

    private final Tables tables;
    private final Table rows;
    private final Table index;
    private final JobRowCodec codec;

    JobTable(Tables tables, JobRowCodec codec) {
        this.tables = tables;
        this.rows = tables.table(ROWS);
        this.index = tables.table(INDEX);
        this.codec = codec;
    }

    /** The table in the store the journal writes (the directory under {@code gantry.storage}). */
    public static JobTable open(ActorSystem<?> system) {
        return new JobTable(Tables.of(Adapter.toClassic(system)),
                new JobRowCodec(SerializationExtension.get(Adapter.toClassic(system))));
    }

    Tables tables() {
        return tables;
    }

    public Optional<JobRow> row(JobId id) {
        return rows.get(key(id)).map(value -> codec.decode(id, value));
    }

    /** Adds to {@code write} what moving a job from {@code before} (null for a new job) to {@code after} takes. */
    void stage(TableWrite write, JobRow before, JobRow after) {
        write.put(rows, key(after.id()), codec.encode(after));
        if (before == null) {
            JobIndexKey.of(after).forEach(key -> write.put(index, key, NOTHING));
        } else if (before.stage().state() != after.stage().state()) {
            JobIndexKey.stateKeys(before).forEach(key -> write.delete(index, key));
            JobIndexKey.stateKeys(after).forEach(key -> write.put(index, key, NOTHING));
        }
    }

    /**
     * A page of {@code GET /jobs}: newest first (ties by id, descending), continuing after the
     * cursor a previous page handed out.
     *
     * @throws IllegalArgumentException when the cursor is not one this table handed out
     */
    public JobPage page(JobQuery query) {
        byte[] prefix = JobIndexKey.listing(query.state(), query.tenant()).bytes();
        Scan scan = Scan.prefix(prefix).reversed();
        if (query.cursor() != null) {
            Cursor after = Cursor.parse(query.cursor());
            scan = scan.after(JobIndexKey.entry(JobIndexKey.listing(query.state(), query.tenant()),
                    after.submittedAtMillis(), after.id()));
        }
        Page page = index.page(scan, query.limit());
        List<Job> jobs = new ArrayList<>(page.rows().size());
        for (Row entry : page.rows()) {
            JobId id = JobId.of(JobIndexKey.id(entry.key(), prefix.length));
            // Read after the index page: the job may have moved on since (a later page has it no more).
            row(id).map(JobRow::view).filter(job -> query.state() == null || job.state() == query.state())
                    .ifPresent(jobs::add);
        }
        String next = page.cursor().map(last -> Cursor.of(last, prefix.length)).orElse(null);
        return new JobPage(jobs, next);
    }

    /**
     * The ids starting with {@code prefix} of jobs that {@code visible} admits, in id order: at
     * most {@code max}, from at most {@code scanned} rows (a short prefix of a big history is cut
     * off, not read to the end).
     */
    public List<JobId> idsStartingWith(String prefix, java.util.function.Predicate<TenantId> visible, int max,
                                       int scanned) {
        Page page = rows.page(Scan.prefix(prefix.getBytes(StandardCharsets.UTF_8)), scanned);
        List<JobId> ids = new ArrayList<>();
        for (Row entry : page.rows()) {
            JobId id = JobId.of(new String(entry.key(), StandardCharsets.UTF_8));
            if (visible.test(codec.decode(id, entry.value()).view().tenant())) {
                ids.add(id);
                if (ids.size() == max) {
                    break;
                }
            }
        }
        return ids;
    }

    /** Jobs waiting or holding GPUs: what the scheduler's view starts from. */
    public List<JobRow> live() {
        List<JobRow> live = new ArrayList<>();
        for (JobState state : LIVE) {
            live.addAll(newest(state, Integer.MAX_VALUE));
        }
        return live;
    }

    /** At most {@code limit} jobs in {@code state}, newest first. */
    public List<JobRow> newest(JobState state, int limit) {
        byte[] prefix = JobIndexKey.listing(state, null).bytes();
        List<JobRow> found = new ArrayList<>();
        Scan scan = Scan.prefix(prefix).reversed();
        while (found.size() < limit) {
            Page page = index.page(scan, Math.min(LIVE_PAGE, limit - found.size()));
            for (Row entry : page.rows()) {
                row(JobId.of(JobIndexKey.id(entry.key(), prefix.length))).ifPresent(found::add);
            }
            if (page.cursor().isEmpty()) {
                break;
            }
            scan = scan.after(page.cursor().get());
        }
        return found;
    }

    private static byte[] key(JobId id) {
        return id.value().getBytes(StandardCharsets.UTF_8);
    }

    /** A page cursor, {@code <submitted millis>~<id>}: where the next page goes on. */
    record Cursor(long submittedAtMillis, String id) {
        /** Where a page that ended at this entry of a listing with a {@code listingLength}-byte key goes on. */
        static String of(byte[] entry, int listingLength) {
            long millis = new TableKey.Reader(Arrays.copyOfRange(entry, listingLength, entry.length)).number();
            return millis + "~" + JobIndexKey.id(entry, listingLength);
        }

        static Cursor parse(String cursor) {
            int split = cursor.indexOf('~');
            try {
                if (split > 0 && split < cursor.length() - 1 && cursor.indexOf('\u0000') < 0) {
                    return new Cursor(Long.parseLong(cursor.substring(0, split)), cursor.substring(split + 1));
                }
            } catch (NumberFormatException e) {
                // fall through to the refusal
            }
            throw new IllegalArgumentException("cursor '" + cursor + "' was not handed out by this server; "
                    + "start again without a cursor");
        }
    }
}
