package org.gantry.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.gantry.ops.node.ControlNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The load generator against a real control plane in this JVM (one node, 4 simulated GPUs), over real HTTP. */
class ApiLoadTest {
    private static final String JOB = "{\"name\":\"load\",\"tenant\":\"default\",\"gpus\":1,"
            + "\"workload\":{\"kind\":\"simulated\",\"seconds\":1}}";

    private static LocalControlPlane plane;
    private static ControlNode control;

    @BeforeAll
    static void startControlPlane() throws Exception {
        plane = LocalControlPlane.start("gantry-load-test", 4);
        control = plane.control;
        control.ensureTenant("default", 4);
    }

    @AfterAll
    static void stopControlPlane() {
        plane.close();
    }

    private static ApiLoadOptions options(int jobs, int clients, double rate, String body, boolean wait) {
        return new ApiLoadOptions(URI.create(control.url()), control.adminToken(), jobs, clients, rate, body, wait,
                Duration.ofSeconds(60));
    }

    @Test
    void closedLoopSubmitsEveryJobAndWaitsForThemToEnd() throws Exception {
        ApiLoadReport report = new ApiLoad(options(24, 4, 0, JOB, true)).run(fraction -> { });

        assertThat(report.mode()).isEqualTo("closed");
        assertThat(report.statuses()).isEqualTo(Map.of(201, 24));
        assertThat(report.submitted()).isEqualTo(24);
        assertThat(report.submitLatency().count()).isEqualTo(24);
        assertThat(report.submitsPerSecond()).isPositive();
        ApiLoadReport.EndToEnd end = report.endToEnd();
        assertThat(end.succeeded()).isEqualTo(24);
        assertThat(end.failed() + end.cancelled()).isZero();
        // 24 one-second jobs on 4 GPUs take at least 6 s: the jobs waited, and were timed from their records.
        assertThat(end.seconds()).isGreaterThanOrEqualTo(6);
        assertThat(end.submitToStart().count()).isEqualTo(24);
        assertThat(end.submitToStart().maxMs()).isGreaterThan(4000);
        // Each stage is timed for every job; one-second jobs run about a second, and waited to be placed.
        assertThat(end.stages().startedToFinished().count()).isEqualTo(24);
        assertThat(end.stages().startedToFinished().p50Ms()).isGreaterThanOrEqualTo(900.0);
        assertThat(end.stages().submittedToScheduled().maxMs()).isGreaterThan(4000);
        assertThat(end.stages().scheduledToStarted().count()).isEqualTo(24);
    }

    @Test
    void openLoopKeepsItsPaceAndCountsRefusals() throws Exception {
        long start = System.nanoTime();
        ApiLoadReport paced = new ApiLoad(options(10, 1, 20, JOB, false)).run(fraction -> { });
        assertThat(paced.mode()).isEqualTo("open");
        assertThat(paced.statuses()).isEqualTo(Map.of(201, 10));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("10 submits at 20/s take about 0.5 s")
                .isGreaterThanOrEqualTo(Duration.ofMillis(450));

        String unknownTenant = JOB.replace("\"default\"", "\"nobody\"");
        ApiLoad refusing = new ApiLoad(options(5, 2, 0, unknownTenant, false));
        ApiLoadReport refused = refusing.run(fraction -> { });
        assertThat(refused.statuses()).isEqualTo(Map.of(422, 5));
        assertThat(refused.submitted()).isZero();
        assertThat(refusing.firstRefusal()).as("the closed loop keeps a refusal's problem detail")
                .startsWith("422: ").contains("tenant 'nobody' does not exist");
    }
}
