package org.gantry.scheduler.control;

import com.typesafe.config.Config;
import java.time.Duration;
import org.gantry.api.protocol.Rendezvous;

/**
 * How the scheduler singleton behaves; read from {@code gantry.scheduler} (see reference.conf).
 *
 * @param policy        the policy by name ({@code gantry}, {@code fifo-backfill}, …)
 * @param tick          how often silent agents are looked for and time-driven decisions re-planned
 * @param agentTimeout  an agent silent this long is lost (nothing more is placed there); after a
 *                      restart, also how long a node that held jobs gets to report again
 * @param startGrace    how long a placed attempt may be missing from its agent's report before
 *                      it counts as lost (covers the start message in flight)
 * @param killGrace     SIGTERM → SIGKILL grace when stopping a workload
 * @param askTimeout    how long to wait for a job entity's answer
 * @param minPassInterval the most a pass waits after the last one (see SchedulerActor#requestPass)
 * @param minRun        how long a job runs before it may be preempted (it never thrashes)
 * @param recoveryTimeout how long a starting scheduler waits for the job table to catch up
 * @param rendezvousPortBase the lowest {@code MASTER_PORT} a job is given (see {@link org.gantry.api.protocol.Rendezvous})
 * @param elasticRegrowAfter how long after its last resize an elastic job may grow again (no flapping)
 * @param maxPendingPerTenant the most jobs one tenant may have waiting; a submit beyond is refused (429)
 * @param fencing       the lease agents hold on their work, and when a silent node's jobs may be requeued
 */
public record SchedulerSettings(String policy, Duration tick, Duration agentTimeout, Duration startGrace,
                                Duration killGrace, Duration askTimeout, Duration minPassInterval,
                                Duration minRun, Duration recoveryTimeout, int rendezvousPortBase,
                                Duration elasticRegrowAfter, int maxPendingPerTenant, Fencing fencing) {

    public SchedulerSettings {
        Rendezvous.requireBase(rendezvousPortBase);
        if (maxPendingPerTenant < 1) {
            throw new IllegalArgumentException("gantry.scheduler.max-pending-per-tenant must be at least 1, got "
                    + maxPendingPerTenant);
        }
    }

    public static SchedulerSettings from(Config config) {
        Config c = config.getConfig("gantry.scheduler");
        return new SchedulerSettings(c.getString("policy"), c.getDuration("tick"), c.getDuration("agent-timeout"),
                c.getDuration("start-grace"), c.getDuration("kill-grace"), c.getDuration("ask-timeout"),
                c.getDuration("min-pass-interval"), c.getDuration("min-run"), c.getDuration("recovery-timeout"),
                c.getInt("rendezvous-port-base"), c.getDuration("elastic-regrow-after"),
                c.getInt("max-pending-per-tenant"), new Fencing(c.getDuration("fencing.lease"),
                        c.getDuration("fencing.grace"), c.getDuration("fencing.margin")));
    }
}
