package org.gantry.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.gantry.api.protocol.AgentEvent;
import org.gantry.api.protocol.AgentEvent.WorkloadExited;

/**
 * Attempts that ended, oldest first, kept a day and capped in number. Three uses: heartbeats
 * carry the latest, so an exit whose message was lost is learned from a later one; the answer to
 * a new control plane's {@code Describe} carries as many as fit, so a job that finished while the
 * control plane was down is not run again; and a repeated start or stop of an ended attempt
 * answers with its exit instead of running it again.
 */
final class ExitHistory {
    static final Duration KEEP = Duration.ofHours(24);
    static final int MAX = 10_000;
    /** The most one report carries: a remote message must stay well under Pekko's frame size. */
    static final int MAX_PER_REPORT = 1_000;

    /** An exit and the control plane that started the attempt (null when none did). */
    record Ended(WorkloadExited exit, ActorRef<AgentEvent> control) {}

    private final Duration keep;
    private final int max;
    private final Map<AttemptKey, Ended> ended = new LinkedHashMap<>();

    ExitHistory() {
        this(KEEP, MAX);
    }

    ExitHistory(Duration keep, int max) {
        this.keep = keep;
        this.max = max;
    }

    void record(AttemptKey key, WorkloadExited exit, ActorRef<AgentEvent> control) {
        ended.remove(key);
        ended.put(key, new Ended(exit, control));
        prune(exit.at());
    }

    Optional<Ended> find(AttemptKey key) {
        return Optional.ofNullable(ended.get(key));
    }

    /** The newest exits, at most {@link #MAX_PER_REPORT}, oldest first. */
    List<WorkloadExited> recent() {
        return since(Instant.MIN);
    }

    /** The exits since {@code from}, at most {@link #MAX_PER_REPORT} of the newest, oldest first. */
    List<WorkloadExited> since(Instant from) {
        List<WorkloadExited> exits = ended.values().stream().map(Ended::exit)
                .filter(exit -> !exit.at().isBefore(from)).toList();
        return exits.subList(Math.max(0, exits.size() - MAX_PER_REPORT), exits.size());
    }

    /** Keeps the exits but not where to send them: those refs belong to an actor system that is gone. */
    void forgetControlPlanes() {
        ended.replaceAll((key, end) -> new Ended(end.exit(), null));
    }

    /** Forgets exits older than the keep period, and the oldest beyond the cap. */
    void prune(Instant now) {
        Instant cutoff = now.minus(keep);
        Iterator<Ended> oldestFirst = ended.values().iterator();
        while (oldestFirst.hasNext()) {
            Ended next = oldestFirst.next();
            if (ended.size() > max || next.exit().at().isBefore(cutoff)) {
                oldestFirst.remove();
            } else {
                break;
            }
        }
    }
}
