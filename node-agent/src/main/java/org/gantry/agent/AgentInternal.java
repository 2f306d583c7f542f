package org.gantry.agent;

/**
 * The agent's messages to itself (timers, piped futures). Never sent by anyone else: the
 * agent's public type is {@link org.gantry.api.protocol.AgentCommand}.
 */
sealed interface AgentInternal {

    /** Time to report to the control plane. */
    enum Heartbeat implements AgentInternal { TICK }

    /** An attempt's workload ended: {@code exitCode}, or {@code failure} when its end could not be observed. */
    record WorkloadEnded(AttemptKey key, Integer exitCode, Throwable failure) implements AgentInternal {}

    /** The grace period of a stop is over: SIGKILL. Also the timer's key. */
    record GraceOver(AttemptKey key) implements AgentInternal {}

    /** The attempt ran past its spec's time limit. Also the timer's key. */
    record TimeLimitReached(AttemptKey key) implements AgentInternal {}
}
