package org.gantry.scheduler.control;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.job.JobState;
import org.gantry.api.protocol.AgentEvent.AgentReport;
import org.gantry.api.protocol.AgentEvent.WorkloadExited;
import org.gantry.api.protocol.AgentEvent.WorkloadStarted;
import org.gantry.api.protocol.RunningWorkload;

/**
 * Compares what an agent says it runs with what the view says runs on its node. This is how a
 * scheduler rebuilt after a restart picks up jobs that kept running, and how lost messages
 * heal: a start or exit the scheduler missed is read from the next heartbeat. Pure: the actor
 * carries out the actions.
 */
final class AgentReconciliation {
    private AgentReconciliation() {}

    /**
     * @param orphans attempts the agent runs that the view does not place there: stop them
     * @param started attempts running that the records still show as scheduled
     * @param exited  exits of attempts the records still show as holding GPUs
     * @param missing jobs the view places on the node that the agent does not run (after the start grace)
     * @param gone    lingering workloads the agent no longer runs: their GPUs are free
     * @param toStop  attempts that should be stopping but still run (a stop may have been lost)
     */
    record Actions(List<RunningWorkload> orphans, List<WorkloadStarted> started, List<WorkloadExited> exited,
                   List<TrackedJob> missing, List<AttemptRef> gone, List<AttemptRef> toStop) {}

    static Actions reconcile(ControlView view, AgentReport report, Instant now, Duration startGrace) {
        NodeId node = report.node();
        List<RunningWorkload> orphans = new ArrayList<>();
        List<WorkloadStarted> started = new ArrayList<>();
        List<WorkloadExited> exited = new ArrayList<>();
        Set<AttemptRef> seen = new HashSet<>();
        Map<AttemptRef, ?> lingering = view.lingeringOn(node);
        Set<AttemptRef> stillRunning = new HashSet<>();
        List<AttemptRef> toStop = new ArrayList<>();
        for (RunningWorkload workload : report.running()) {
            AttemptRef ref = new AttemptRef(workload.job(), workload.attempt());
            seen.add(ref);
            stillRunning.add(ref);
            TrackedJob job = view.job(workload.job());
            if (lingering.containsKey(ref)) {
                toStop.add(ref);
            } else if (job == null || !job.held.containsKey(node) || expectedAttempt(job) != workload.attempt()) {
                orphans.add(workload);
            } else if (job.record.state() == JobState.SCHEDULED && job.record.attempt() == workload.attempt()) {
                started.add(new WorkloadStarted(node, workload.job(), workload.attempt(), workload.startedAt(),
                        report.agent()));
            } else if (job.record.state() == JobState.SUSPENDING || job.record.cancelRequested()) {
                toStop.add(ref);
            }
        }
        List<AttemptRef> gone = new ArrayList<>();
        for (AttemptRef ref : lingering.keySet()) {
            if (!stillRunning.contains(ref)) {
                gone.add(ref);
            }
        }
        for (WorkloadExited exit : report.recentExits()) {
            seen.add(new AttemptRef(exit.job(), exit.attempt()));
            TrackedJob job = view.job(exit.job());
            // An attempt whose GPUs went back on its exit report still counts until its record ends:
            // the heartbeat resends the exit if the entity never heard of it.
            boolean ranHere = job != null && (job.held.containsKey(node) || job.goneAttempt == exit.attempt());
            if (ranHere && job.record.attempt() == exit.attempt() && job.record.state().holdsGpus()) {
                exited.add(exit);
            }
        }
        List<TrackedJob> missing = new ArrayList<>();
        long graceStart = now.minus(startGrace).getEpochSecond();
        for (TrackedJob job : view.jobsOn(node)) {
            boolean known = seen.contains(new AttemptRef(job.id(), expectedAttempt(job)));
            if (!known && job.heldSince < graceStart) {
                missing.add(job);
            }
        }
        return new Actions(orphans, started, exited, missing, gone, toStop);
    }

    private static int expectedAttempt(TrackedJob job) {
        return job.reservingAttempt > 0 ? job.reservingAttempt : job.record.attempt();
    }

}
