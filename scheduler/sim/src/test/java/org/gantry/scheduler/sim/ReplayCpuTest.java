package org.gantry.scheduler.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A replay reports the CPU time its thread spent: what compares across loads, unlike the wall clock. */
class ReplayCpuTest {
    @Test
    void aReplayReportsItsThreadsCpuTimeWithinItsWallTime() {
        Trace trace = BundledTraces.read(BundledTraces.TIRESIAS_60, TraceReader.Selection.ALL);
        var config = new SimulationConfig(ClusterShape.parse("1x8"), QuotaMode.NONE, 600, 60, 300);
        SimulationResult result = Simulation.withPredictor(config, SimPolicy.named("las", 300), trace)
                .run(progress -> {});
        assertThat(result.cpuSeconds()).isPositive()
                .as("one thread cannot spend more CPU than the time that passed")
                .isLessThanOrEqualTo(result.wallSeconds() + 0.01);
    }
}
