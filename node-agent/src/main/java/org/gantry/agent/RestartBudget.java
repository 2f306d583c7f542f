package org.gantry.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.gantry.agent.run.ReplicaRestarts;

/**
 * The restarts one serving attempt's replica process has had, against its {@link ReplicaRestarts}
 * policy: whether one more is allowed now, and after how long. Touched by the agent actor only.
 */
final class RestartBudget {
    private final ReplicaRestarts policy;
    /** When each restart inside the window was granted, oldest first. */
    private final Deque<Instant> granted = new ArrayDeque<>();
    private int total;

    RestartBudget(ReplicaRestarts policy) {
        this.policy = policy;
    }

    /** The backoff before one more restart, counting it; empty when the window's restarts are spent. */
    Optional<Duration> grant(Instant now) {
        while (!granted.isEmpty() && !granted.peekFirst().isAfter(now.minus(policy.window()))) {
            granted.removeFirst();
        }
        if (granted.size() >= policy.maxRestarts()) {
            return Optional.empty();
        }
        Duration backoff = policy.firstBackoff();
        for (int i = 0; i < granted.size() && backoff.compareTo(policy.maxBackoff()) < 0; i++) {
            backoff = backoff.multipliedBy(2);
        }
        granted.addLast(now);
        total++;
        return Optional.of(backoff.compareTo(policy.maxBackoff()) > 0 ? policy.maxBackoff() : backoff);
    }

    /** Restarts granted over the attempt's whole life. */
    int total() {
        return total;
    }

    static String times(int count) {
        return count == 1 ? "once" : count + " times";
    }

    /** What an attempt that ran out of restarts says of them. */
    String spent() {
        return "its replica process was restarted " + times(granted.size()) + " in the last "
                + RunningAttempt.text(policy.window()) + ", the most allowed";
    }
}
