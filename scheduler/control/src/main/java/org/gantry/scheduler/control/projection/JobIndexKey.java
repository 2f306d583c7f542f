package org.gantry.scheduler.control.projection;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.gantry.api.job.JobState;
import org.gantry.api.tenant.TenantId;
import org.gantry.scheduler.control.job.JobFacts;
import org.gantry.storage.tables.TableKey;

/**
 * The keys of the job index: one listing of every job, and one per state, per tenant and per
 * tenant and state, each ordered by submit time then id, so {@code GET /jobs} with any filter
 * reads one contiguous range newest first and no other job.
 */
final class JobIndexKey {
    private static final String ALL = "a";
    private static final String BY_STATE = "s";
    private static final String BY_TENANT = "t";
    private static final String BY_TENANT_STATE = "ts";

    private JobIndexKey() {}

    /** The listing a query walks: null filters mean any. */
    static TableKey listing(JobState state, TenantId tenant) {
        if (state == null && tenant == null) {
            return TableKey.of().add(ALL);
        }
        if (tenant == null) {
            return TableKey.of().add(BY_STATE).add(state.name());
        }
        if (state == null) {
            return TableKey.of().add(BY_TENANT).add(tenant.value());
        }
        return TableKey.of().add(BY_TENANT_STATE).add(tenant.value()).add(state.name());
    }

    /** A job's place in a listing. */
    static byte[] entry(TableKey listing, long submittedAtMillis, String id) {
        return listing.add(submittedAtMillis).add(id).bytes();
    }

    /** Every key of the row: the listings its job appears in. */
    static List<byte[]> of(JobRow row) {
        return List.of(entry(row, false, false), entry(row, true, false), entry(row, false, true),
                entry(row, true, true));
    }

    /** The keys that depend on the row's state: the ones to move when it changes. */
    static List<byte[]> stateKeys(JobRow row) {
        return List.of(entry(row, true, false), entry(row, true, true));
    }

    private static byte[] entry(JobRow row, boolean byState, boolean byTenant) {
        JobFacts facts = row.stage().facts();
        TableKey listing = listing(byState ? row.stage().state() : null,
                byTenant ? TenantId.of(facts.spec().tenant()) : null);
        return entry(listing, facts.submittedAt().toEpochMilli(), row.id().value());
    }

    /** The job id of an entry of a listing whose key is {@code listingLength} bytes long. */
    static String id(byte[] entry, int listingLength) {
        int start = listingLength + Long.BYTES;
        return new String(entry, start, entry.length - 1 - start, StandardCharsets.UTF_8); // less the closing 0x00
    }
}
