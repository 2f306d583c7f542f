package org.gantry.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.gantry.ops.cli.CliRun;
import org.gantry.ops.node.ControlNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code gantry bench flood}, briefly, against a real control plane in this JVM over real HTTP
 * with its default rate limit (50/s, bursts of 100): it makes its tenants, runs every phase, and
 * reports the flood refused with Retry-After while the quiet tenants were served. No timing is
 * asserted: the figures depend on the machine.
 */
class FloodBenchCommandTest {
    private static LocalControlPlane plane;
    private static ControlNode control;

    @BeforeAll
    static void startControlPlane() throws Exception {
        plane = LocalControlPlane.start("gantry-flood-test", 2);
        control = plane.control;
    }

    @AfterAll
    static void stopControlPlane() {
        plane.close();
    }

    @Test
    void floodsOneTenantAndReportsTheQuietOnesAndEveryRefusal() throws Exception {
        CliRun.Result run = CliRun.run("bench", "flood", "--url", control.url(), "--token", control.adminToken(),
                "--quiet-tenants", "2", "--quiet-rate", "10", "--flood-rate", "400", "--limit-rate", "20",
                "--seconds", "1", "--warm-up", "0", "--json");

        assertThat(run.exit()).as(run.err() + run.out()).isZero();
        assertThat(run.err()).contains("phase A:", "phase A+:", "phase B:", "phase A2:");
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.path("quietStatusesWithoutFlood").path("201").asInt()).isEqualTo(20);
        assertThat(report.path("quietStatusesWithFlood").size()).as("only 201s").isEqualTo(1);
        assertThat(report.path("quietStatusesWithFlood").path("201").asInt()).isEqualTo(20);
        assertThat(report.path("quietAtLimit").path("count").asInt()).isEqualTo(20);
        assertThat(report.path("quietAfterFlood").path("count").asInt()).isEqualTo(20);
        JsonNode flood = report.path("flood");
        assertThat(flood.path("sent").asInt()).isEqualTo(400);
        // The bucket holds: bursts of 100, then 50/s while the flood was sent and answered (on a
        // machine so busy that the server answers fewer than 50/s, every one is accepted).
        double seconds = 1 + flood.path("latency").path("maxMs").asDouble() / 1000;
        assertThat(flood.path("accepted").asInt()).as(run.out()).isBetween(80, (int) Math.ceil(100 + 50 * seconds));
        assertThat(flood.path("accepted").asInt() + flood.path("refused").asInt()).isEqualTo(400);
        assertThat(flood.path("refusedWithoutRetryAfter").asInt()).isZero();
        assertThat(report.path("p99Ratio").asDouble()).isPositive();
        assertThat(flood.path("statuses").has("-1")).as("unanswered flood requests").isFalse();
        assertThat(report.path("cpu").path("flood").path("benchSeconds").asDouble()).as("the bench's own CPU")
                .isPositive();
        assertThat(report.path("cpu").path("flood").path("serverSeconds").asText())
                .as("a server the bench did not start: its CPU unknown").isEqualTo("NaN");
    }

    @Test
    void aTokenThatMayNotMakeTenantsIsToldSo() {
        CliRun.Result run = CliRun.run("bench", "flood", "--url", control.url(), "--token", "not-a-token",
                "--seconds", "1", "--warm-up", "0");

        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).contains("could not make tenant", "admin token", "401");
    }
}
