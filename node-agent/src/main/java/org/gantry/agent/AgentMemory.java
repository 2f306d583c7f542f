package org.gantry.agent;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a node agent knows of its workloads: the attempts it runs and the recent exits. Held
 * outside the actor so that the workloads can outlive one agent incarnation in the same JVM:
 * when the cluster drops this node (the control plane was lost) and the agent joins again, the
 * new incarnation adopts what is here instead of the workloads being killed.
 *
 * <p>Not thread-safe, on purpose: one incarnation uses it at a time, and the next starts only
 * after the previous one's actor system has terminated, so the two never overlap and need no
 * lock. Handing one memory to two live agents is a bug.
 */
public final class AgentMemory {
    final Map<AttemptKey, RunningAttempt> running = new LinkedHashMap<>();
    final ExitHistory history;
    /** The node's lease on its work: a later incarnation must not forget that it lapsed. */
    final Lease lease = new Lease();

    public AgentMemory() {
        this(new ExitHistory());
    }

    AgentMemory(ExitHistory history) {
        this.history = history;
    }

    /** Why the control plane refused this agent (its name is another live agent's), or null. */
    private volatile String refusal;

    /** The control plane refused this agent: no incarnation of it should join again. */
    void refuse(String reason) {
        refusal = reason;
    }

    /** Why the control plane refused this agent, or null when it did not. */
    public String refusal() {
        return refusal;
    }

    /** How many attempts are running: for logs. */
    public int runningCount() {
        return running.size();
    }

    /**
     * Control-plane refs came through the old incarnation's actor system, which is gone: drop
     * them. Exits then go to whoever describes the new incarnation, and through the recent exits
     * of its reports.
     */
    void forgetControlPlanes() {
        running.values().forEach(RunningAttempt::forgetControl);
        history.forgetControlPlanes();
    }
}
