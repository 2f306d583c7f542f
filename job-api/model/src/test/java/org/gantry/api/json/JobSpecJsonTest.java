package org.gantry.api.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.CheckpointPolicy;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.JobSpec;
import org.gantry.api.job.JobType;
import org.gantry.api.job.PlacementConstraints;
import org.gantry.api.job.ProcessWorkload;
import org.gantry.api.job.SimulatedWorkload;
import org.gantry.api.job.Workload;
import org.gantry.api.tenant.TenantId;
import org.gantry.api.validation.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** How a spec is written, and that what is written reads back as the same spec. */
class JobSpecJsonTest {
    private static final TenantId VISION = new TenantId("vision");

    @Test
    void writesTheDesignExampleInItsContractShape() {
        JobSpec spec = JobSpecReader.read(Bodies.example()).orThrow();

        JsonNode written = Bodies.written(spec);

        // The example plus the defaults it leaves implicit; empty constraints and labels are left out.
        com.fasterxml.jackson.databind.node.ObjectNode expected = Bodies.example().put("preemptible", true)
                .put("requeueable", true);
        ((com.fasterxml.jackson.databind.node.ObjectNode) expected.get("checkpoint")).put("gracePeriodSeconds", 30);
        assertThat(written).isEqualTo(expected);
    }

    @Test
    void writesAnElasticRequestAsARangeAndASimulatedWorkloadInSeconds() {
        JobSpec spec = JobSpec.builder("sweep", GpuRequest.elastic(2, 8), new SimulatedWorkload(Duration.ofMinutes(10)))
                .tenant(VISION).build();

        JsonNode written = Bodies.written(spec);

        assertThat(written.get("gpus")).isEqualTo(Bodies.parse("{\"min\": 2, \"max\": 8}"));
        assertThat(written.get("workload")).isEqualTo(Bodies.parse("{\"kind\": \"simulated\", \"seconds\": 600}"));
        assertThat(written.has("constraints")).isFalse();
        assertThat(written.has("checkpoint")).isFalse();
    }

    @Test
    void writesConstraintsThatConstrainSomething() {
        JobSpec spec = JobSpec.builder("big", GpuRequest.fixed(8), ProcessWorkload.of("run"))
                .constraints(new PlacementConstraints(null, 81920, Map.of()))
                .build();

        assertThat(Bodies.written(spec).get("constraints"))
                .isEqualTo(Bodies.parse("{\"minGpuMemoryMiB\": 81920}"));
    }

    static Stream<JobSpec> specs() {
        return Stream.of(
                JobSpec.builder("fixed", GpuRequest.fixed(1), ProcessWorkload.of("python", "train.py"))
                        .tenant(VISION).build(),
                JobSpec.builder("elastic", GpuRequest.elastic(2, 8), SimulatedWorkload.ofSeconds(3600))
                        .tenant(VISION).build(),
                JobSpec.builder("everything", GpuRequest.elastic(1, 4096),
                                new ProcessWorkload(List.of("torchrun", "--nproc", "8", "train.py"),
                                        Map.of("LR", "0.1", "EMPTY", ""), Map.of("WANDB_KEY", "s3cret"), "/work"))
                        .tenant(VISION)
                        .type(JobType.INFERENCE)
                        .pool(new PoolId("h100"))
                        .constraints(new PlacementConstraints("H100-SXM", 81920, Map.of("zone", "eu-1", "rack", "7")))
                        .estimatedDuration(Duration.ofMinutes(90))
                        .timeLimit(Duration.ofDays(365))
                        .priority(-1000)
                        .preemptible(false)
                        .checkpoint(CheckpointPolicy.of(600, 120L))
                        .maxRetries(100)
                        .labels(Map.of("team", "vision", "app.kubernetes.io/name", "resnet"))
                        .build(),
                JobSpec.builder("sub-second", GpuRequest.fixed(4), ProcessWorkload.of("x"))
                        .tenant(VISION).estimatedDuration(Duration.ofMillis(1500)).build());
    }

    @ParameterizedTest
    @MethodSource("specs")
    void roundTripsThroughTheReader(JobSpec spec) {
        JsonNode written = GantryJson.mapper().valueToTree(spec);

        assertThat(JobSpecReader.read(written).orThrow()).isEqualTo(spec);
    }

    @ParameterizedTest
    @MethodSource("specs")
    void roundTripsThroughPlainJacksonBinding(JobSpec spec) throws Exception {
        String written = GantryJson.mapper().writeValueAsString(spec);

        assertThat(GantryJson.mapper().readValue(written, JobSpec.class)).isEqualTo(spec);
    }

    @Test
    void plainJacksonBindingAppliesTheReadersRules() {
        String invalid = Bodies.exampleWith("/gpus", "0").toString();

        assertThatThrownBy(() -> GantryJson.mapper().readValue(invalid, JobSpec.class))
                .isInstanceOf(JsonMappingException.class)
                .hasMessageContaining("$.gpus: must be between 1 and 4096, got 0")
                .cause().isInstanceOf(ValidationException.class);
    }

    @Test
    void workloadsBindOnTheirOwnByKind() throws Exception {
        Workload process = new ProcessWorkload(List.of("python"), Map.of("A", "1"), Map.of(), null);
        Workload simulated = SimulatedWorkload.ofSeconds(5);

        for (Workload workload : List.of(process, simulated)) {
            String written = GantryJson.mapper().writeValueAsString(workload);
            assertThat(GantryJson.mapper().readValue(written, Workload.class)).isEqualTo(workload);
        }
    }

    @Test
    void gpuRequestsBindOnTheirOwnInBothForms() throws Exception {
        assertThat(GantryJson.mapper().readValue("4", GpuRequest.class)).isEqualTo(GpuRequest.fixed(4));
        assertThat(GantryJson.mapper().readValue("{\"min\":1,\"max\":3}", GpuRequest.class))
                .isEqualTo(GpuRequest.elastic(1, 3));
        assertThatThrownBy(() -> GantryJson.mapper().readValue("{\"min\":3,\"max\":1}", GpuRequest.class))
                .hasMessageContaining("min (3) must not exceed max (1)");
    }

    @Test
    void redactedSpecsWriteNoSecrets() {
        JobSpec spec = JobSpecReader.read(Bodies.example().put("name", "leak-check")).orThrow();

        String written = GantryJson.mapper().valueToTree(spec.redacted()).toString();

        assertThat(written).contains("\"secretEnv\":{\"WANDB_KEY\":\"***\"}").doesNotContain("\"...\"");
    }
}
