package org.gantry.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.gantry.scheduler.control.service.Tokens;
import org.gantry.tests.support.Api;
import org.gantry.tests.support.Eventually;
import org.gantry.tests.support.GantryJvm;
import org.gantry.tests.support.JvmCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GPU-hour accounting on a real control plane: a tenant guaranteed 2 of an agent's 4 simulated
 * GPUs runs a 4-GPU job, so half its GPU-hours are borrowed. The usage the API reports matches
 * the job's own run time; it survives a kill -9 of the control plane, losing at most the flush
 * interval (5 s) of a job that was running, and keeps accruing after the restart.
 */
class UsageEndToEndTest {
    private static final String ADMIN = Tokens.generate();
    private static final double FLUSH_SECONDS = 5;

    @TempDir
    Path dir;

    private JvmCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void gpuHoursAreReportedPerTenantAndSurviveAKilledControlPlane() {
        cluster = new JvmCluster(dir, ADMIN);
        Api admin = cluster.startControl();
        cluster.startAgent("gpu-1", "--gpus", "4");
        cluster.awaitNodes(admin, 1);
        Api acct = cluster.tenant(admin, "acct", 2, 4);
        Api other = cluster.tenant(admin, "other", 0, 4);
        Instant testStart = Instant.now();

        // A 4-GPU job that runs 6 s: 2 GPUs within the guarantee, 2 borrowed.
        String first = submit(acct, "first", 6);
        Eventually.await("the first job to succeed", Duration.ofSeconds(60),
                () -> "SUCCEEDED".equals(acct.get("/api/v1/jobs/" + first).body().path("state").asText()),
                cluster::logs);
        JsonNode job = acct.get("/api/v1/jobs/" + first).body();
        double ranSeconds = seconds(job.path("startedAt"), job.path("finishedAt"));
        double heldSeconds = seconds(job.path("scheduledAt").isMissingNode() ? job.path("startedAt")
                : job.path("scheduledAt"), job.path("finishedAt"));
        String range = "/api/v1/tenants/acct/usage?from=" + testStart.minusSeconds(120) + "&step=1m";
        Eventually.await("the job's GPU-hours to be written", Duration.ofSeconds(20),
                () -> gpuHours(acct.get(range).body(), "usedGpuHours") >= 4 * ranSeconds / 3600, cluster::logs);
        Eventually.await("no more GPU-hours after the job ended", Duration.ofSeconds(20),
                () -> gpuHours(acct.get(range).body(), "usedGpuHours") <= 4 * (heldSeconds + 1) / 3600,
                cluster::logs);
        JsonNode usage = acct.get(range).body();
        double used = gpuHours(usage, "usedGpuHours");
        System.out.printf("usage: job ran %.1f s on 4 GPUs (held %.1f s): %.5f GPU-hours recorded%n", ranSeconds,
                heldSeconds, used);
        assertThat(gpuHours(usage, "guaranteedGpuHours")).as("half within the guarantee")
                .isCloseTo(used / 2, within(1e-9));
        assertThat(gpuHours(usage, "borrowedGpuHours")).as("half borrowed").isCloseTo(used / 2, within(1e-9));
        JsonNode pool = usage.path("pools").get(0);
        assertThat(pool.path("pool").asText()).isEqualTo("default");
        double stepSum = 0;
        for (JsonNode step : pool.path("steps")) {
            stepSum += step.path("usedGpuHours").asDouble();
        }
        assertThat(stepSum).as("the steps add up to the total").isCloseTo(used, within(1e-9));

        // Another tenant sees neither the usage nor that it exists; it has none of its own.
        assertThat(other.get("/api/v1/tenants/acct/usage").status()).isEqualTo(404);
        assertThat(other.get("/api/v1/tenants/other/usage").body().path("pools")).isEmpty();
        assertThat(admin.get(range).body().path("pools").get(0).path("usedGpuHours").asDouble()).isEqualTo(used);
        assertThat(acct.get("/api/v1/tenants/acct/usage?step=90s").status()).isEqualTo(422);

        // A second job runs while the control plane is killed: what was written survives, at most
        // the flush interval is lost, and accrual resumes after the restart.
        String second = submit(acct, "second", 60);
        Eventually.await("the second job to run", Duration.ofSeconds(30),
                () -> "RUNNING".equals(acct.get("/api/v1/jobs/" + second).body().path("state").asText()),
                cluster::logs);
        Instant secondStart = Instant.parse(acct.get("/api/v1/jobs/" + second).body().path("startedAt").asText());
        sleep(Duration.ofSeconds(12));
        GantryJvm control = cluster.control();
        Instant killedAt = Instant.now();
        control.kill9();
        cluster.restartControl();
        double afterRestart = gpuHours(acct.get(range).body(), "usedGpuHours");
        double secondUntilKill = 4 * Duration.between(secondStart, killedAt).toMillis() / 1000.0 / 3600;
        double lost = used + secondUntilKill - afterRestart;
        System.out.printf("usage: kill -9 of the control plane lost %.1f s of 4 GPUs (flush interval %.0f s)%n",
                lost * 3600 / 4, FLUSH_SECONDS);
        assertThat(afterRestart).as("what was written before the kill").isGreaterThanOrEqualTo(used);
        assertThat(lost * 3600 / 4).as("seconds of 4 GPUs lost to the kill").isLessThanOrEqualTo(FLUSH_SECONDS + 1);
        Eventually.await("GPU-hours to accrue again after the restart", Duration.ofSeconds(60),
                () -> gpuHours(acct.get(range).body(), "usedGpuHours") > afterRestart + 4 * 3.0 / 3600,
                cluster::logs);
    }

    private static String submit(Api tenant, String name, int seconds) {
        Api.Answer submitted = tenant.post("/api/v1/jobs", "{\"name\":\"" + name + "\",\"gpus\":4,\"maxRetries\":0,"
                + "\"workload\":{\"kind\":\"process\",\"command\":[\"sleep\",\"" + seconds + "\"]}}");
        assertThat(submitted.status()).as(submitted.raw()).isEqualTo(201);
        return submitted.body().get("id").asText();
    }

    /** A pool's total, summed over pools (there is one). */
    private static double gpuHours(JsonNode usage, String field) {
        double sum = 0;
        for (JsonNode pool : usage.path("pools")) {
            sum += pool.path(field).asDouble();
        }
        return sum;
    }

    private static double seconds(JsonNode from, JsonNode to) {
        return Duration.between(Instant.parse(from.asText()), Instant.parse(to.asText())).toMillis() / 1000.0;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
