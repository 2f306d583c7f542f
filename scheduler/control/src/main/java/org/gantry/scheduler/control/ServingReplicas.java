package org.gantry.scheduler.control;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.job.DjlServeWorkload;
import org.gantry.api.protocol.AgentEvent;
import org.gantry.api.protocol.RunningWorkload;
import org.gantry.api.protocol.ServingEndpoint;
import org.gantry.scheduler.control.ServingDirectory.ModelRef;
import org.gantry.scheduler.control.ServingDirectory.Replica;

/**
 * The scheduler's side of the {@link ServingDirectory}: each node's ready replicas from its latest
 * report, kept only for attempts the view has running there (a report about a cancelled or
 * superseded attempt serves nothing), published whole after every change. Part of the scheduler
 * actor, called from its handlers only.
 */
final class ServingReplicas {
    private final ControlView view;
    private final ServingDirectory directory;
    private final Map<NodeId, List<Replica>> byNode = new HashMap<>();

    ServingReplicas(ControlView view, ServingDirectory directory) {
        this.view = view;
        this.directory = directory;
    }

    void reported(AgentEvent.AgentReport report) {
        List<Replica> ready = new ArrayList<>();
        for (RunningWorkload workload : report.running()) {
            if (!workload.endpoints().isEmpty() && servedHere(workload, report.node())) {
                for (ServingEndpoint endpoint : workload.endpoints()) {
                    ready.add(new Replica(workload.job(), workload.attempt(), report.node(), endpoint));
                }
            }
        }
        List<Replica> before = byNode.getOrDefault(report.node(), List.of());
        if (ready.equals(before)) {
            return; // the same replicas stay the same instances: the router's set-asides hold (see ServingDirectory)
        }
        if (ready.isEmpty()) {
            byNode.remove(report.node());
        } else {
            byNode.put(report.node(), ready);
        }
        publish();
    }

    void lost(NodeId node) {
        if (byNode.remove(node) != null) {
            publish();
        }
    }

    private boolean servedHere(RunningWorkload workload, NodeId node) {
        TrackedJob job = view.job(workload.job());
        return job != null && job.record.attempt() == workload.attempt() && job.record.state().holdsGpus()
                && job.record.allocation().containsKey(node) && job.record.spec().workload() instanceof DjlServeWorkload;
    }

    private void publish() {
        Map<ModelRef, List<Replica>> byModel = new HashMap<>();
        byNode.values().forEach(replicas -> replicas.forEach(replica -> {
            TrackedJob job = view.job(replica.job());
            if (job != null && job.record.spec().workload() instanceof DjlServeWorkload serve) {
                byModel.computeIfAbsent(new ModelRef(job.record.tenant(), serve.model()), ref -> new ArrayList<>())
                        .add(replica);
            }
        }));
        directory.publish(byModel);
    }
}
