package org.gantry.agent;

/**
 * The agent's messages to itself (timers, piped futures). Never sent by anyone else: the
 * agent's public type is {@link org.gantry.api.protocol.AgentCommand}.
 */
sealed interface AgentInternal {

    /** Time to report to the control plane. */
    enum Heartbeat implements AgentInternal { TICK }

    /** The node's lease may have lapsed now. Also the timer's key. */
    enum LeaseCheck implements AgentInternal { DUE }

    /**
     * An attempt's workload ended: {@code exitCode}, or {@code failure} when its end could not be
     * observed. {@code run} counts the attempt's processes (a serving replica process restarted in
     * place is the next run): the end of an earlier one is old news.
     */
    record WorkloadEnded(AttemptKey key, int run, Integer exitCode, Throwable failure) implements AgentInternal {}

    /** Time to start a serving attempt's replica process again, after it died. Also the timer's key. */
    record RestartDue(AttemptKey key) implements AgentInternal {}

    /** Time to look whether a restarted replica process says it is ready, until {@code until}. Also the timer's key. */
    record ReadyCheck(AttemptKey key, java.time.Instant until) implements AgentInternal {}

    /** The grace period of a stop is over: SIGKILL. Also the timer's key. */
    record GraceOver(AttemptKey key) implements AgentInternal {}

    /** The attempt ran past its spec's time limit. Also the timer's key. */
    record TimeLimitReached(AttemptKey key) implements AgentInternal {}

    /** The job's newest checkpoint is in its directory ({@code fetched} empty when it had none), or {@code failure}. */
    record Restored(AttemptKey key, java.util.Optional<org.gantry.agent.objects.ObjectTransfer.Fetched> fetched,
                    Throwable failure) implements AgentInternal {}

    /**
     * A finished {@code djl-train} attempt's model was stored and registered ({@code version}),
     * or could not be ({@code failure}); its exit is reported now.
     */
    record Published(AttemptKey key, Integer version, Throwable failure) implements AgentInternal {}

    /** Time for the periodic shipment of the attempt's checkpoint directory. Also the timer's key. */
    record ShipDue(AttemptKey key) implements AgentInternal {}

    /** A shipment ended: {@code shipped} empty when the directory was empty, or {@code failure}. */
    record Shipped(AttemptKey key, java.util.Optional<org.gantry.agent.objects.ObjectTransfer.Shipped> shipped,
                   Throwable failure) implements AgentInternal {}
}
