package org.gantry.scheduler.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gantry.scheduler.policy.Clusters.job;
import static org.gantry.scheduler.policy.Clusters.tenant;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.gantry.api.job.JobId;
import org.gantry.scheduler.policy.order.FirstInFirstOut;
import org.gantry.scheduler.policy.order.LeastAttainedService;
import org.gantry.scheduler.policy.order.ShortestGpuTimeFirst;
import org.gantry.scheduler.policy.order.ShortestJobFirst;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class OrderTest {

    // Jobs: id, gpus, submittedAt, estimatedSeconds, attained GPU-seconds.
    private static final List<PendingJob> MIX = List.of(
            job("old-long").gpus(1).submitted(0).estimate(5_000).build(),
            job("wide-short").gpus(8).submitted(100).estimate(400).build(),
            job("narrow-mid").gpus(1).submitted(200).estimate(1_000).build(),
            job("served").gpus(2).submitted(50).estimate(300).attained(7_200).build(),
            job("young-short").gpus(1).submitted(300).estimate(600).build());

    static Stream<Arguments> orders() {
        return Stream.of(
                Arguments.of("fifo: by submit time", new FirstInFirstOut(),
                        "old-long served wide-short narrow-mid young-short"),
                Arguments.of("sjf without aging: by estimate", new ShortestJobFirst(0),
                        "served wide-short young-short narrow-mid old-long"),
                Arguments.of("sjf-gpu without aging: by GPUs x estimate", new ShortestGpuTimeFirst(0),
                        // 600, 1000, 5000, 3200 and 600 GPU-s: young-short ties served, broken by submit time
                        "served young-short narrow-mid wide-short old-long"),
                Arguments.of("las: least attained service, then submit time",
                        new LeastAttainedService(new double[] {3_600, 36_000}),
                        "old-long wide-short narrow-mid young-short served"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orders")
    void sortsTheQueue(String why, QueueOrder order, String expected) {
        assertThat(IncrementalPendingQueue.of(order, MIX).asList()).extracting(PendingJob::id).containsExactlyElementsOf(ids(expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orders")
    void higherPriorityAlwaysGoesFirst(String why, QueueOrder order, String ignored) {
        var jobs = new java.util.ArrayList<>(MIX);
        jobs.add(job("urgent-but-worst").gpus(8).submitted(10_000).estimate(90_000).attained(1e6).priority(5).build());
        jobs.add(job("low").gpus(1).submitted(0).estimate(1).priority(-1).build());

        List<PendingJob> sorted = IncrementalPendingQueue.of(order, jobs).asList();

        assertThat(sorted.get(0).id()).isEqualTo(JobId.of("urgent-but-worst"));
        assertThat(sorted.get(sorted.size() - 1).id()).isEqualTo(JobId.of("low"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "fifo,          fifo",
            "fifo-backfill, fifo",
            "sjf,           sjf",
            "sjf-gpu,       sjf-gpu",
            "las,           las",
            "gantry,        las+sjf-gpu",
            "gantry-fair,   las+sjf-gpu",
    })
    void namedPoliciesUseTheirOrder(String policy, String order) {
        assertThat(Policies.named(policy).name()).isEqualTo(policy);
        assertThat(Policies.named(policy).order().name()).isEqualTo(order);
    }

    @Test
    void unknownPolicyNamesTheKnownOnes() {
        assertThatThrownBy(() -> Policies.named("lottery"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown policy 'lottery'; known: fifo, fifo-backfill, sjf-oracle, sjf, sjf-gpu, las, "
                        + "gantry, gittins, gantry-fair, srpt-oracle");
    }

    @Test
    void oneRegistryServesProductionAndTheSimulatorAndProductionRefusesOracles() {
        assertThat(Policies.names()).containsExactly("fifo", "fifo-backfill", "sjf", "sjf-gpu", "las", "gantry",
                "gittins", "gantry-fair");
        assertThat(Policies.all()).extracting(PolicyEntry::name).containsAll(Policies.names())
                .contains("sjf-oracle", "srpt-oracle");
        for (PolicyEntry entry : Policies.all()) {
            assertThat(entry.build().apply(300)).as(entry.name()).isNotNull();
        }
        assertThatThrownBy(() -> Policies.named("srpt-oracle"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs true job durations, which only `gantry simulate` has");
    }

    @ParameterizedTest(name = "sjf aging {0}: key(est {1}, submitted {2}) = {3}")
    @CsvSource({
            "0,   600, 1000, 600",
            "1,   600, 1000, 1600",
            "0.5, 600, 1000, 1100",
            "2,   100, 50,   200",
    })
    void sjfKeyIsEstimatePlusAgedSubmitTime(double aging, long estimate, long submitted, double key) {
        PendingJob pending = job("j").estimate(estimate).submitted(submitted).build();

        assertThat(new ShortestJobFirst(aging).key(pending)).isEqualTo(key);
    }

    @ParameterizedTest(name = "sjf-gpu aging {0}: key({1} GPUs x {2} s, submitted {3}) = {4}")
    @CsvSource({
            "0, 4, 100, 1000, 400",
            "1, 4, 100, 1000, 1400",
            "1, 1, 100, 0,    100",
    })
    void sjfGpuKeyIsGpuTimePlusAgedSubmitTime(double aging, int gpus, long estimate, long submitted, double key) {
        PendingJob pending = job("j").gpus(gpus).estimate(estimate).submitted(submitted).build();

        assertThat(new ShortestGpuTimeFirst(aging).key(pending)).isEqualTo(key);
    }

    @Test
    void sjfGpuUsesTheElasticMinimum() {
        PendingJob elastic = job("j").elastic(2, 8).estimate(100).build();

        assertThat(new ShortestGpuTimeFirst(0).key(elastic)).isEqualTo(200);
    }

    @ParameterizedTest(name = "attained {0} GPU-s is in LAS queue {1}")
    @CsvSource({"0, 0", "3599.9, 0", "3600, 1", "35999, 1", "36000, 2", "1e9, 2"})
    void lasQueues(double attained, int queue) {
        var las = new LeastAttainedService(new double[] {3_600, 36_000});

        assertThat(las.queueOf(attained)).isEqualTo(queue);
        assertThat(las.key(job("j").submitted(123).attained(attained).build())).isEqualTo(queue * 1e12 + 123);
    }

    @Test
    void lasThresholdsMustAscend() {
        assertThatThrownBy(() -> new LeastAttainedService(new double[] {36_000, 3_600}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ShortestJobFirst(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** An old long job overtakes a young short one once it has waited longer than the difference in length. */
    @ParameterizedTest(name = "aging {0}: old job waited {1} s longer -> first is {2}")
    @CsvSource({
            // old: estimate 3000 submitted at 0; young: estimate 1000 submitted at {1}
            "1.0, 1999, young",
            "1.0, 2000, old",   // tie on key, broken by submit time
            "1.0, 2001, old",
            "1.0, 1000, young",
            "0.5, 3999, young",
            "0.5, 4001, old",
            "0.0, 1000000, young",
    })
    void agingLetsAnOldLongJobOvertakeAYoungShortOne(double aging, long youngSubmitted, String first) {
        PendingJob old = job("old").estimate(3_000).submitted(0).build();
        PendingJob young = job("young").estimate(1_000).submitted(youngSubmitted).build();

        List<PendingJob> sorted = IncrementalPendingQueue.of(new ShortestJobFirst(aging), List.of(young, old)).asList();

        assertThat(sorted.get(0).id()).isEqualTo(JobId.of(first));
    }

    @ParameterizedTest(name = "young job submitted {0} s after the old one: {1} first")
    @CsvSource({"25000, old", "15000, young"})
    void defaultAgingForgivesATenthOfASecondPerSecondWaited(long youngSubmitted, String first) {
        // Old: 3,000 s; young: 1,000 s. At 0.1 the old one catches up after waiting 20,000 s longer.
        PendingJob old = job("old").estimate(3_000).submitted(0).build();
        PendingJob young = job("young").estimate(1_000).submitted(youngSubmitted).build();

        assertThat(IncrementalPendingQueue.of(Policies.named("sjf").order(), List.of(young, old)).asList().get(0).id())
                .isEqualTo(JobId.of(first));
        assertThat(IncrementalPendingQueue.of(Policies.gantry().order(), List.of(young, old)).asList().get(0).id())
                .isEqualTo(JobId.of(first));
    }

    @Test
    void fullTiesBreakByJobId() {
        var jobs = List.of(job("c").build(), job("a").build(), job("b").build());

        assertThat(IncrementalPendingQueue.of(new FirstInFirstOut(), jobs).asList()).extracting(PendingJob::id)
                .containsExactly(JobId.of("a"), JobId.of("b"), JobId.of("c"));
    }

    @Test
    void queueCountsWaitingGpusPerTenantPoolByMinimum() {
        var queue = IncrementalPendingQueue.of(new FirstInFirstOut(), List.of(
                job("a1").tenant("a").gpus(4).build(),
                job("a2").tenant("a").elastic(2, 8).build(),
                job("b1").tenant("b").gpus(1).build(),
                job("a3").tenant("a").pool("q").gpus(3).build()));

        assertThat(queue.size()).isEqualTo(4);
        assertThat(queue.waitingGpus(tenant("a"))).isEqualTo(6);
        assertThat(queue.waitingGpus(tenant("b"))).isEqualTo(1);
        assertThat(queue.waitingGpus(tenant("a", "q"))).isEqualTo(3);
        assertThat(queue.waitingGpus(tenant("c"))).isZero();
        assertThat(queue.waitingGpus()).hasSize(3);
    }

    private static List<JobId> ids(String text) {
        return Arrays.stream(text.split(" ")).map(JobId::of).toList();
    }
}
