package org.gantry.scheduler.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.job.JobId;
import org.gantry.scheduler.policy.GpuSet;
import org.gantry.scheduler.policy.Policies;
import org.gantry.scheduler.policy.state.ClusterState;
import org.junit.jupiter.api.Test;

/** A lingering workload's GPUs are taken while its node lists it, and free once it is gone. */
class LingeringWorkloadsTest {
    private static final NodeId NODE = NodeId.of("node-a");
    private static final AttemptRef FIRST = new AttemptRef(JobId.of("job-1"), 1);
    private static final AttemptRef OTHER = new AttemptRef(JobId.of("job-2"), 3);

    private final ClusterState state = new ClusterState(Policies.gantry().order());
    private final LingeringWorkloads lingering = new LingeringWorkloads(state);

    @Test
    void takesItsGpusUntilItIsGoneAndASecondReportChangesNothing() {
        lingering.add(NODE, FIRST, GpuSet.of(List.of(0, 1)));
        lingering.add(NODE, FIRST, GpuSet.of(List.of(2))); // reported again: the first GPUs stand
        lingering.add(NODE, OTHER, GpuSet.of(List.of(3)));

        assertThat(state.taken(NODE)).isEqualTo(GpuSet.of(List.of(0, 1, 3)));
        assertThat(lingering.on(NODE)).containsOnlyKeys(FIRST, OTHER);

        lingering.gone(NODE, FIRST);
        lingering.gone(NODE, FIRST); // twice: nothing more is given back
        assertThat(state.taken(NODE)).isEqualTo(GpuSet.of(List.of(3)));
        assertThat(lingering.on(NODE)).containsOnlyKeys(OTHER);
    }

    @Test
    void aLostNodeTakesEverythingThatLingeredThereWithIt() {
        lingering.add(NODE, FIRST, GpuSet.of(List.of(0)));
        lingering.add(NODE, OTHER, GpuSet.of(List.of(1)));

        lingering.allGone(NODE);

        assertThat(state.taken(NODE)).isEqualTo(GpuSet.EMPTY);
        assertThat(lingering.on(NODE)).isEmpty();
    }
}
