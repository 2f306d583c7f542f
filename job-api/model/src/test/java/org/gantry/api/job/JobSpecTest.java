package org.gantry.api.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.tenant.TenantId;
import org.junit.jupiter.api.Test;

class JobSpecTest {
    private static final ProcessWorkload WITH_SECRET = new ProcessWorkload(List.of("python", "train.py"),
            Map.of("LR", "0.1"), Map.of("WANDB_KEY", "s3cret", "HF_TOKEN", "hf_abc"), null);

    private static JobSpec.Builder job() {
        return JobSpec.builder("resnet50", GpuRequest.fixed(4), WITH_SECRET).tenant(new TenantId("vision"));
    }

    @Test
    void redactionMasksSecretValuesAndKeepsEverythingElse() {
        JobSpec spec = job().labels(Map.of("team", "cv")).build();

        JobSpec redacted = spec.redacted();

        ProcessWorkload workload = (ProcessWorkload) redacted.workload();
        assertThat(workload.secretEnv()).containsOnly(Map.entry("WANDB_KEY", "***"), Map.entry("HF_TOKEN", "***"));
        assertThat(workload.env()).isEqualTo(WITH_SECRET.env());
        assertThat(workload.command()).isEqualTo(WITH_SECRET.command());
        assertThat(redacted.toBuilder().workload(WITH_SECRET).build()).isEqualTo(spec);
        assertThat(((ProcessWorkload) spec.workload()).secretEnv()).containsEntry("WANDB_KEY", "s3cret");
    }

    @Test
    void simulatedWorkloadsHaveNothingToRedact() {
        SimulatedWorkload simulated = SimulatedWorkload.ofSeconds(60);

        assertThat(simulated.redacted()).isSameAs(simulated);
    }

    @Test
    void absentFieldsTakeTheirDefaults() {
        JobSpec spec = new JobSpec("tiny", null, null, null, GpuRequest.fixed(1), null, null, null, 0, true,
                SimulatedWorkload.ofSeconds(1), null, 0, true, null, null);

        assertThat(spec.resources()).isEqualTo(JobResources.NONE);
        assertThat(spec.type()).isEqualTo(JobType.TRAINING);
        assertThat(spec.pool()).isEqualTo(PoolId.DEFAULT);
        assertThat(spec.constraints()).isEqualTo(PlacementConstraints.EMPTY);
        assertThat(spec.labels()).isEmpty();
        assertThat(spec.withTenant(new TenantId("vision")).tenant()).isEqualTo(new TenantId("vision"));
    }

    @Test
    void holdsUnmodifiableCopies() {
        Map<String, String> labels = new HashMap<>(Map.of("team", "cv"));
        JobSpec spec = job().labels(labels).build();
        labels.put("team", "changed");

        assertThat(spec.labels()).containsEntry("team", "cv");
        assertThatThrownBy(() -> spec.labels().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> WITH_SECRET.command().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void refusesWhatNoReaderWouldAccept() {
        assertThatThrownBy(() -> job().name("Bad Name").build()).hasMessageContaining("job name 'Bad Name'");
        assertThatThrownBy(() -> job().priority(1001).build()).hasMessageContaining("priority");
        assertThatThrownBy(() -> job().maxRetries(-1).build()).hasMessageContaining("maxRetries");
        assertThatThrownBy(() -> job().timeLimit(Duration.ZERO).build()).hasMessageContaining("timeLimit");
        assertThatThrownBy(() -> job().estimatedDuration(Duration.ofHours(5)).timeLimit(Duration.ofHours(4)).build())
                .hasMessageContaining("exceeds timeLimit");
        assertThatThrownBy(() -> job().workload(null).build()).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ProcessWorkload.of()).hasMessageContaining("needs a command");
        assertThatThrownBy(() -> SimulatedWorkload.ofSeconds(0)).hasMessageContaining("positive");
        assertThatThrownBy(() -> new CheckpointPolicy(Duration.ofMillis(1500))).hasMessageContaining("whole number");
    }

    @Test
    void secretsNeverShowInAPrintedSpec() {
        ProcessWorkload workload = new ProcessWorkload(java.util.List.of("train"), java.util.Map.of("LR", "0.1"),
                java.util.Map.of("WANDB_KEY", "hunter2"), null);
        JobSpec spec = JobSpec.builder("x", GpuRequest.fixed(1), workload).build();

        org.assertj.core.api.Assertions.assertThat(spec.toString()).doesNotContain("hunter2").contains("WANDB_KEY");
        org.assertj.core.api.Assertions.assertThat(workload.secretEnv()).containsEntry("WANDB_KEY", "hunter2");
    }
}
