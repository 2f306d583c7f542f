package org.gantry.api.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.cluster.NodeStatus;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.JobId;
import org.gantry.api.tenant.TenantId;
import org.junit.jupiter.api.Test;

class NodeSummaryTest {
    private static final TenantId VISION = new TenantId("vision");
    private static final TenantId AUDIO = new TenantId("audio");
    private static final NodeSummary NODE = new NodeSummary(new NodeId("gpu-1"), PoolId.DEFAULT, NodeStatus.READY,
            "H100", 4, 1, Map.of(), List.of(), Instant.EPOCH, 0, null, List.of(), null, List.of(
                    new GpuAllocation(0, new JobId("j-vision"), VISION),
                    new GpuAllocation(1, new JobId("j-vision"), VISION),
                    new GpuAllocation(3, new JobId("j-audio"), AUDIO)));

    @Test
    void theAdminSeesEveryAllocatedGpusJob() {
        assertThat(NODE.seenBy(new Caller.Admin())).isEqualTo(NODE);
    }

    @Test
    void aTenantSeesItsOwnJobsAndOnlyThatTheOtherGpusAreAllocated() {
        assertThat(NODE.seenBy(new Caller.Tenant(VISION)).allocated()).containsExactly(
                new GpuAllocation(0, new JobId("j-vision"), VISION),
                new GpuAllocation(1, new JobId("j-vision"), VISION),
                new GpuAllocation(3, null, null));
        assertThat(NODE.seenBy(new Caller.Tenant(new TenantId("nobody"))).allocated())
                .extracting(GpuAllocation::job).containsOnlyNulls();
    }
}
