package org.gantry.scheduler.policy;

import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import org.gantry.quota.TenantPool;

/**
 * A pass's walk over the queue, in queue order. Once a run of jobs in a row belongs to tenants
 * that can start nothing more in this walk, it narrows to the other tenants' jobs (merging their
 * own queues), so a walk does not step through 100,000 jobs of tenants that are done to find the
 * few of one that is not. The jobs it skips are decided by their tenant's verdict; jobs with
 * placement constraints are never skipped, since their tenant's other jobs say nothing about them.
 */
final class QueueCursor implements Iterator<PendingJob> {
    /** Jobs in a row of tenants that are done before narrowing: narrowing costs a merge over tenants. */
    private static final int NARROW_AFTER = 64;

    private final PendingQueue queue;
    private final QueueOrder order;
    private Iterator<PendingJob> everyone;
    private PriorityQueue<Head> narrowed;
    private PendingJob last;
    private int doneInARow;

    /**
     * The next job of one tenant, with its order key worked out once rather than at every
     * comparison of the merge, and the rest of that tenant's queue.
     */
    private record Head(PendingJob job, double key, Iterator<PendingJob> rest) {
        static final Comparator<Head> IN_ORDER = (a, b) -> QueueOrder.compare(a.job, a.key, b.job, b.key);
    }

    QueueCursor(PendingQueue queue, QueueOrder order) {
        this.queue = queue;
        this.order = order;
        this.everyone = queue.iterator();
    }

    @Override
    public boolean hasNext() {
        return everyone != null ? everyone.hasNext() : !narrowed.isEmpty();
    }

    @Override
    public PendingJob next() {
        if (everyone != null) {
            last = everyone.next();
            return last;
        }
        Head head = narrowed.poll();
        if (head == null) {
            throw new NoSuchElementException();
        }
        if (head.rest.hasNext()) {
            narrowed.add(head(head.rest));
        }
        last = head.job;
        return last;
    }

    /** After each job: whether its tenant can start nothing more in this walk. */
    void tenantDone(boolean done, StartableTenants startable) {
        if (!done) {
            doneInARow = 0;
            return;
        }
        if (++doneInARow >= NARROW_AFTER) {
            doneInARow = 0;
            narrow(startable);
        }
    }

    /** From here on, only the jobs of tenants that may still start something. */
    private void narrow(StartableTenants startable) {
        narrowed = new PriorityQueue<>(Head.IN_ORDER);
        for (TenantPool owner : queue.waitingGpus().keySet()) {
            Iterator<PendingJob> rest = startable.fullyStuck(owner) ? queue.constrainedAfter(owner, last)
                    : queue.after(owner, last);
            if (rest.hasNext()) {
                narrowed.add(head(rest));
            }
        }
        everyone = null;
    }

    private Head head(Iterator<PendingJob> rest) {
        PendingJob job = rest.next();
        return new Head(job, order.key(job), rest);
    }
}
