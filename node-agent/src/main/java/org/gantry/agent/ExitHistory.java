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
 * Attempts that ended, oldest first, kept a while and capped in number. Two uses: every report
 * carries them, so an exit whose message was lost is learned from a later heartbeat; and a
 * repeated start or stop of an ended attempt answers with its exit instead of running it again.
 */
final class ExitHistory {
    static final Duration KEEP = Duration.ofMinutes(10);
    static final int MAX = 1_000;

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

    List<WorkloadExited> recent() {
        return ended.values().stream().map(Ended::exit).toList();
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
