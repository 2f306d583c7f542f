package org.gantry.scheduler.control.service;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gantry.api.job.Job;
import org.gantry.api.job.JobAttempt;
import org.gantry.api.job.JobHistoryEntry;
import org.gantry.api.job.JobId;
import org.gantry.api.service.Caller;
import org.gantry.api.service.JobExplanation;
import org.gantry.api.service.QueueEntry;

/**
 * Reasons and explanations name other jobs ("reserved for job j-…", "preempted to make room for
 * job k-…"), and those may be another tenant's. Shown to a tenant, every job id but those it is
 * known to own reads "another job"; the admin sees them all. The words are kept whole where they
 * are stored, so nothing is lost for the admin.
 */
final class JobMentions {
    private static final Pattern MENTION = Pattern.compile("(?:\\bjob )?\\b(" + JobIds.WHOLE_PATTERN + ")\\b");
    private static final String HIDDEN = "another job";

    private JobMentions() {}

    /** {@code text} with every job id not in {@code shown} replaced. */
    static String hide(String text, Set<JobId> shown) {
        if (text == null) {
            return null;
        }
        Matcher mention = MENTION.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (mention.find()) {
            boolean visible = shown.contains(JobId.of(mention.group(1)));
            mention.appendReplacement(out, Matcher.quoteReplacement(visible ? mention.group() : HIDDEN));
        }
        mention.appendTail(out);
        return out.toString();
    }

    /** The job as {@code caller} may see it: its own id stays, any other in its reason is hidden from a tenant. */
    static Job scoped(Caller caller, Job job) {
        if (!(caller instanceof Caller.Tenant) || job.reason() == null) {
            return job;
        }
        return job.withReason(hide(job.reason(), Set.of(job.id())));
    }

    static JobExplanation scoped(Caller caller, JobExplanation explanation) {
        if (!(caller instanceof Caller.Tenant)) {
            return explanation;
        }
        return new JobExplanation(explanation.id(), explanation.state(), explanation.reason(),
                hide(explanation.detail(), Set.of(explanation.id())), explanation.queuePosition(),
                explanation.estimatedStart());
    }

    /** A tenant's queue: the ids of its own waiting jobs stay. */
    static List<QueueEntry> scoped(Caller caller, List<QueueEntry> entries) {
        if (!(caller instanceof Caller.Tenant)) {
            return entries;
        }
        Set<JobId> own = Set.copyOf(entries.stream().map(QueueEntry::id).toList());
        return entries.stream().map(e -> new QueueEntry(e.position(), e.id(), e.tenant(), e.name(), e.pool(), e.gpus(),
                e.submittedAt(), hide(e.reason(), own), e.estimatedStart())).toList();
    }

    static List<JobAttempt> scopedAttempts(Caller caller, JobId job, List<JobAttempt> attempts) {
        if (!(caller instanceof Caller.Tenant)) {
            return attempts;
        }
        return attempts.stream().map(a -> new JobAttempt(a.attempt(), a.allocation(), a.scheduledAt(), a.startedAt(),
                a.endedAt(), a.outcome(), a.exitCode(), hide(a.reason(), Set.of(job)))).toList();
    }

    static List<JobHistoryEntry> scopedHistory(Caller caller, JobId job, List<JobHistoryEntry> entries) {
        if (!(caller instanceof Caller.Tenant)) {
            return entries;
        }
        return entries.stream().map(e -> new JobHistoryEntry(e.at(), e.event(), e.state(),
                hide(e.detail(), Set.of(job)), e.epochs())).toList();
    }
}
