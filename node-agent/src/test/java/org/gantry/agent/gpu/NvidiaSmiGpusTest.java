package org.gantry.agent.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.gantry.agent.gpu.GpuInventory.Reading;
import org.gantry.api.cluster.GpuDevice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery against a fake {@code nvidia-smi} printing recorded outputs: a real child process each read. */
class NvidiaSmiGpusTest {
    private static final Duration SLOW = Duration.ofHours(1);
    private static final Duration FAST = Duration.ofMillis(100);

    @TempDir
    Path dir;

    private FakeNvidiaSmi smi;
    private NvidiaSmiGpus gpus;

    @BeforeEach
    void fake() {
        smi = new FakeNvidiaSmi(dir);
    }

    @AfterEach
    void close() {
        if (gpus != null) {
            gpus.close();
        }
    }

    private Reading start(Duration interval) {
        gpus = NvidiaSmiGpus.start(smi.executable(), interval, Duration.ofSeconds(5));
        return gpus.read();
    }

    @Test
    void itIsFoundOnThePathItIsOnAndNotElsewhere() {
        assertThat(NvidiaSmiGpus.locate(smi.path())).contains(smi.executable());
        assertThat(NvidiaSmiGpus.locate("/nonexistent:" + dir.resolve("empty"))).isEmpty();
        assertThat(NvidiaSmiGpus.locate(null)).isEmpty();
    }

    @Test
    void oneGpu() throws IOException {
        Reading reading = start(SLOW);

        assertThat(reading.problem()).isNull();
        assertThat(reading.devices()).containsExactly(new GpuDevice(0, "NVIDIA A100-SXM4-40GB", 40_960, true,
                "GPU-4b1c2a7e-8d3f-5a61-9c0e-2f7d1e6b9a13", 3L, 0, 31, null));
        assertThat(smi.runs()).isEqualTo(1);
    }

    @Test
    void eightGpus() throws IOException {
        smi.answer("eight-gpus.csv", 0);

        Reading reading = start(SLOW);

        assertThat(reading.devices()).hasSize(8).allMatch(GpuDevice::healthy)
                .extracting(GpuDevice::index).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        GpuDevice busy = reading.devices().get(0);
        assertThat(busy.model()).isEqualTo("NVIDIA H100 80GB HBM3");
        assertThat(busy.memoryMiB()).isEqualTo(81_559);
        assertThat(busy.memoryUsedMiB()).isEqualTo(71_234);
        assertThat(busy.utilizationPercent()).isEqualTo(98);
        assertThat(busy.temperatureC()).isEqualTo(67);
        assertThat(reading.devices()).extracting(GpuDevice::uuid).doesNotHaveDuplicates().allMatch(u -> u.startsWith("GPU-"));
    }

    @Test
    void aFailingGpuIsWithheldWithItsReasonAndTheOthersAreNot() throws IOException {
        smi.answer("one-failing.csv", 0);

        Reading reading = start(SLOW);

        assertThat(reading.problem()).isNull();
        assertThat(reading.devices()).extracting(GpuDevice::index, GpuDevice::healthy)
                .containsExactly(tuple(0, true), tuple(1, true), tuple(2, false), tuple(3, true));
        assertThat(reading.devices().get(2).reason())
                .isEqualTo("nvidia-smi reports memory.used [GPU requires reset], utilization.gpu [GPU requires reset],"
                        + " temperature.gpu ERR!");
        assertThat(reading.devices().get(0).model()).isEqualTo("NVIDIA A100-SXM4-80GB");
        assertThat(reading.devices().get(1).memoryUsedMiB()).isNull();
    }

    @Test
    void aDriverErrorAtStartOffersNoGpusAndSaysWhy() throws IOException {
        smi.answer("driver-error.txt", 9);

        Reading reading = start(SLOW);

        assertThat(reading.devices()).isEmpty();
        assertThat(reading.problem()).isEqualTo("nvidia-smi exited with 9: NVIDIA-SMI has failed because it couldn't"
                + " communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.");
    }

    @Test
    void aDriverErrorLaterWithholdsEveryGpuUntilItRecovers() throws Exception {
        smi.answer("eight-gpus.csv", 0);
        start(FAST);

        smi.answer("driver-error.txt", 9);
        Reading down = await(r -> r.problem() != null);
        assertThat(down.devices()).hasSize(8).noneMatch(GpuDevice::healthy)
                .allSatisfy(gpu -> assertThat(gpu.reason()).startsWith("nvidia-smi exited with 9: NVIDIA-SMI has failed"));
        assertThat(down.devices()).allSatisfy(gpu -> assertThat(gpu.utilizationPercent()).isNull());

        smi.answer("eight-gpus.csv", 0);
        Reading back = await(r -> r.problem() == null);
        assertThat(back.devices()).hasSize(8).allMatch(GpuDevice::healthy);
    }

    @Test
    void aGpuThatDisappearsBetweenReadsIsWithheldAndTheReReadSeesIt() throws Exception {
        smi.answer("eight-gpus.csv", 0);
        Reading first = start(FAST);
        assertThat(first.devices()).allMatch(GpuDevice::healthy);

        smi.answer("eight-gpus-one-lost.txt", 255);
        Reading later = await(r -> r.devices().stream().anyMatch(gpu -> !gpu.healthy()));

        assertThat(later.problem()).isNull();
        assertThat(later.devices()).hasSize(8);
        GpuDevice lost = later.devices().get(3);
        assertThat(lost.index()).isEqualTo(3);
        assertThat(lost.uuid()).isEqualTo("GPU-3a6db3f8-5c7b-9ea3-bd97-7abc4ea6f403");
        assertThat(lost.healthy()).isFalse();
        assertThat(lost.reason()).isEqualTo("disappeared: nvidia-smi no longer lists it (it says: Unable to determine"
                + " the device handle for GPU0000:9B:00.0: Unknown Error)");
        assertThat(later.devices()).filteredOn(gpu -> gpu.index() != 3).allMatch(GpuDevice::healthy);
        assertThat(smi.runs()).isGreaterThan(1);
    }

    @Test
    void aGpuListedAtAnotherIndexIsWithheldSinceItsIndexWouldNameAnotherGpu() throws Exception {
        smi.answer("eight-gpus.csv", 0);
        start(FAST);

        // GPU 0 fell off the bus and the driver renumbered the rest.
        smi.answer("seven-gpus-renumbered.csv", 0);
        Reading later = await(r -> r.devices().stream().anyMatch(gpu -> !gpu.healthy()));

        assertThat(later.devices()).hasSize(8).noneMatch(GpuDevice::healthy);
        assertThat(later.devices().get(0).reason()).startsWith("disappeared");
        assertThat(later.devices().get(1).reason()).isEqualTo(
                "nvidia-smi now lists it as GPU 0, not 1: restart the agent to offer it again");
    }

    @Test
    void aHungNvidiaSmiIsKilledAndWithholdsTheGpus() throws Exception {
        smi.answer("one-gpu.csv", 0);
        gpus = NvidiaSmiGpus.start(smi.executable(), FAST, Duration.ofMillis(300));
        assertThat(gpus.read().problem()).isNull();

        smi.hang(true);
        Reading hung = await(r -> r.problem() != null);

        assertThat(hung.problem()).isEqualTo("nvidia-smi did not answer within 300 ms");
        assertThat(hung.devices()).singleElement().satisfies(gpu -> assertThat(gpu.healthy()).isFalse());
    }

    @Test
    void readingNeverRunsAProcess() throws IOException {
        start(SLOW);
        int runs = smi.runs();

        for (int i = 0; i < 1_000; i++) {
            gpus.read();
        }

        assertThat(smi.runs()).isEqualTo(runs);
    }

    private Reading await(Predicate<Reading> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Reading reading = gpus.read();
            if (condition.test(reading)) {
                return reading;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no such reading within 10 s; the last was " + gpus.read());
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }
}
