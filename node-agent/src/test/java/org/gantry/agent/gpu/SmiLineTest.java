package org.gantry.agent.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.gantry.api.cluster.GpuDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SmiLineTest {

    @Test
    void aHealthyLineWithExtraSpacesIsReadWhole() {
        GpuDevice gpu = SmiLine.parse("  3 ,  GPU-abc , NVIDIA H100 80GB HBM3 ,  81559 , 1024,  87 , 61  ");

        assertThat(gpu).isEqualTo(new GpuDevice(3, "NVIDIA H100 80GB HBM3", 81_559, true, "GPU-abc", 1_024L, 87, 61,
                null));
    }

    @Test
    void valuesTheGpuDoesNotReportAreUnknownAndTheGpuStaysHealthy() {
        GpuDevice gpu = SmiLine.parse("1, GPU-x, Tesla T4, 15360, [N/A], [Not Supported], [N/A]");

        assertThat(gpu.healthy()).isTrue();
        assertThat(gpu.memoryUsedMiB()).isNull();
        assertThat(gpu.utilizationPercent()).isNull();
        assertThat(gpu.temperatureC()).isNull();
        assertThat(gpu.reason()).isNull();
    }

    @Test
    void errorsMakeTheGpuUnhealthyAndSayWhichFieldsReportedThem() {
        GpuDevice gpu = SmiLine.parse("2, GPU-y, NVIDIA A100-SXM4-80GB, 81920, [GPU requires reset], 0, ERR!");

        assertThat(gpu.healthy()).isFalse();
        assertThat(gpu.index()).isEqualTo(2);
        assertThat(gpu.uuid()).isEqualTo("GPU-y");
        assertThat(gpu.memoryMiB()).isEqualTo(81_920);
        assertThat(gpu.utilizationPercent()).isZero();
        assertThat(gpu.reason()).isEqualTo(
                "nvidia-smi reports memory.used [GPU requires reset], temperature.gpu ERR!");
    }

    @Test
    void aNumberThatIsNotOneIsTroubleToo() {
        GpuDevice gpu = SmiLine.parse("0, GPU-z, A10, 24576, lots, 5, 40");

        assertThat(gpu.healthy()).isFalse();
        assertThat(gpu.reason()).contains("memory.used 'lots' (not a number)");
    }

    @Test
    void aGpuWhoseNameAndSizeAreUnknownIsStillAGpu() {
        GpuDevice gpu = SmiLine.parse("0, [N/A], [N/A], [N/A], 0, 0, 30");

        assertThat(gpu.model()).isEqualTo("unknown GPU");
        assertThat(gpu.memoryMiB()).isZero();
        assertThat(gpu.uuid()).isNull();
        assertThat(gpu.healthy()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.",
        "Unable to determine the device handle for GPU0000:9B:00.0: Unknown Error",
        "ERR!, GPU-a, H100, 81559, 0, 0, 30",
        "-1, GPU-a, H100, 81559, 0, 0, 30",
        "0, GPU-a, H100, 81559, 0, 0",
        ""})
    void aLineThatNamesNoGpuIsNone(String line) {
        assertThat(SmiLine.parse(line)).isNull();
    }
}
