package org.gantry.tests.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gantry.tests.support.Api;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 7: overload. First the sustainable submit rate is measured: a flood that keeps 64
 * submits in flight, as fast as the control plane answers them, over 10 s after 10 s of
 * warm-up. Then a flood offers
 * ten times that rate with up to 1,024 submits in flight, for 20 s, beside the three tenants'
 * usual load, while the admin reads a job every 50 ms and the control plane's heap is read from
 * {@code /metrics} every second. The control plane must stay up, every 429 or 503 must say
 * when to try again ({@code Retry-After}), its heap must stay bounded, reads must still be
 * answered (p99 under 5 s), and every submit it accepted must be there at the end. Changes
 * beyond {@code gantry.api.max-changes-in-flight} are shed with 503; on one 2-core machine the
 * flood's own client shares the CPU, so what a submit waits is reported, not bounded here.
 */
class OverloadChaosTest {
    private static final Pattern HEAP_USED = Pattern.compile("jvm_memory_bytes_used\\{area=\"heap\",?} (\\S+)");
    /** The control JVM's -Xmx (GantryJvm). */
    private static final long MAX_HEAP = 512L * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void tenTimesTheSustainableRateIsRefusedInTimeAndLosesNothing() throws Exception {
        try (ChaosRun run = ChaosRun.start("overload 10x", dir, 2, 2, ChaosRun.NO_RATE_LIMIT)) {
            ChaosLoad load = run.load(1.5, 0.5, 7);
            SubmitFlood calibration = run.flood(100_000, 64);
            Thread.sleep(10_000); // the control plane's JIT warms up: a cold one takes in less than half
            int warm = calibration.acceptedCount();
            Thread.sleep(10_000);
            double sustainable = (calibration.acceptedCount() - warm) / 10.0;
            calibration.close();
            System.out.printf("[chaos overload 10x] sustainable submit rate: %.0f/s (64 in flight, warm)%n",
                    sustainable);

            String probe = calibration.accepted().get(0).id();
            long[] maxHeap = {0};
            SubmitFlood overload = run.flood(10 * sustainable, 1024);
            ReadProbe reads = ReadProbe.read(run.admin, probe, ChaosRun.duration(Duration.ofSeconds(20)),
                    () -> maxHeap[0] = Math.max(maxHeap[0], heapUsed(run.admin)));
            overload.close();
            assertThat(run.cluster.control().isAlive()).as("the control plane survived the overload").isTrue();
            long p50 = reads.percentile(50);
            long p99 = reads.percentile(99);
            System.out.printf("[chaos overload 10x] %.0f/s offered, %.0f requests/s sent, %.0f/s taken in, refused %s; "
                            + "a request answered in p50 %d ms / p99 %d ms; reads: %d, p50 %d ms, p99 %d ms, worst %d ms; "
                            + "heap at most %d MiB of %d%n", overload.offeredPerSecond(), overload.requestsPerSecond(),
                    overload.acceptedPerSecond(), overload.refusals(), overload.requestMillis(50),
                    overload.requestMillis(99), reads.reads(), p50, p99, reads.worst(), maxHeap[0] >> 20,
                    MAX_HEAP >> 20);
            assertThat(overload.refusedWithoutRetryAfter()).as("429s and 503s without Retry-After").isZero();
            assertThat(maxHeap[0]).as("heap used under overload").isLessThan(MAX_HEAP * 9 / 10);
            assertThat(p99).as("reads answered under overload, p99 in ms").isLessThan(5_000);
            run.recovered("overload 10x", Duration.ofMillis(p99));
            List<String> violations = run.finish(load, Duration.ofMinutes(3));
            assertThat(violations).as(run.logs()).isEmpty();
        }
    }

    /** The control JVM's heap in use now, from its {@code /metrics}; 0 when it does not answer. */
    private static long heapUsed(Api admin) {
        try {
            Matcher used = HEAP_USED.matcher(admin.get("/metrics").raw());
            return used.find() ? (long) Double.parseDouble(used.group(1)) : 0;
        } catch (UncheckedIOException unanswered) {
            return 0;
        }
    }
}
