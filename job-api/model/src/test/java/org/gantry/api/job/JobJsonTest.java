package org.gantry.api.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.json.GantryJson;
import org.gantry.api.tenant.TenantId;
import org.junit.jupiter.api.Test;

/**
 * A job's JSON shows its current width ({@code gpuCount}) and, only while it is being resized,
 * where it restarts ({@code resizeTo}); it reads back into the same job.
 */
class JobJsonTest {
    private static final NodeId NODE = NodeId.of("node-a");

    @Test
    void anElasticJobBeingResizedShowsItsWidthAndWhereItRestarts() throws Exception {
        JobSpec spec = JobSpec.builder("train", GpuRequest.elastic(1, 4), ProcessWorkload.of("python", "train.py"))
                .tenant(TenantId.of("vision")).build();
        Job job = new Job(JobId.of("job-1"), JobState.SUSPENDING, spec.tenant(), "train", spec,
                Instant.parse("2025-01-01T00:00:00Z"), null, null, null, 1, 0, Map.of(NODE, List.of(0, 1)), null,
                "resized 2 → 4 GPUs: grown into 2 idle GPUs", false, 0, null, null,
                Map.of(NODE, List.of(0, 1, 2, 3)));

        JsonNode json = GantryJson.mapper().valueToTree(job);

        assertThat(json.get("gpuCount").asInt()).isEqualTo(2);
        assertThat(json.get("allocation").get("node-a").size()).isEqualTo(2);
        assertThat(json.get("resizeTo").get("node-a").size()).isEqualTo(4);
        assertThat(GantryJson.mapper().treeToValue(json, Job.class)).isEqualTo(job);
    }

    @Test
    void aJobNotBeingResizedLeavesResizeToOutAndReadsBackWithoutIt() throws Exception {
        JobSpec spec = JobSpec.builder("train", GpuRequest.fixed(1), ProcessWorkload.of("true"))
                .tenant(TenantId.of("vision")).build();
        Job job = new Job(JobId.of("job-2"), JobState.PENDING, spec.tenant(), "train", spec,
                Instant.parse("2025-01-01T00:00:00Z"), null, null, null, 0, 0, null, null, null, false, 0, null, null,
                null);

        JsonNode json = GantryJson.mapper().valueToTree(job);

        assertThat(json.get("gpuCount").asInt()).isZero();
        assertThat(json.has("resizeTo")).as(json.toString()).isFalse();
        assertThat(GantryJson.mapper().treeToValue(json, Job.class)).isEqualTo(job);
    }
}
