package org.gantry.scheduler.control.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.gantry.api.service.Caller;
import org.gantry.api.tenant.TenantId;

/**
 * How far the job table must be before a caller's listing, so that it lists what the API has
 * told: the journal's head when a submit, cancel or lookup last answered about a job. A tenant's
 * listing waits for what was told about its tenant's jobs, an admin's for anything told to
 * anyone; job changes nobody was told of yet (the scheduler's starts and ends) never hold a
 * listing back, so reads do not queue behind a draining queue's writes.
 */
final class ToldHorizons {
    private final LongSupplier journalHead;
    private final AtomicLong anyone = new AtomicLong();
    /** One entry per tenant with a job told of; tenants are few, and an entry is one long. */
    private final Map<TenantId, Long> byTenant = new ConcurrentHashMap<>();

    ToldHorizons(LongSupplier journalHead) {
        this.journalHead = journalHead;
    }

    /** The API just answered about a job of {@code tenant} (its state as the entity committed it). */
    void told(TenantId tenant) {
        // Read after the answer: the answered event is committed, so the head is at or past it.
        long head = journalHead.getAsLong();
        anyone.accumulateAndGet(head, Math::max);
        byTenant.merge(tenant, head, Math::max);
    }

    /** The offset the table must reach before {@code caller}'s listing (0: none). */
    long horizon(Caller caller) {
        return caller instanceof Caller.Tenant tenant ? byTenant.getOrDefault(tenant.tenant(), 0L) : anyone.get();
    }
}
