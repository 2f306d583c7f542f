package org.gantry.scheduler.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.Job;
import org.gantry.api.job.JobSpec;
import org.gantry.api.job.SimulatedWorkload;
import org.gantry.api.service.Caller;
import org.gantry.api.service.JobService;
import org.gantry.api.service.ServiceException;
import org.gantry.api.tenant.PoolQuota;
import org.gantry.api.tenant.TenantId;
import org.gantry.api.tenant.TenantSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tenant at its cap on waiting jobs is refused more (429) until one leaves the queue; others are not. */
class PendingCapTest {
    private static final Caller ADMIN = new Caller.Admin();
    private static final TenantId TEAM = TenantId.of("team");
    private static final TenantId OTHERS = TenantId.of("others");

    @TempDir
    Path dataDir;

    @Test
    void aTenantAtItsCapIsRefusedUntilAJobLeavesTheQueue() {
        try (ControlPlaneHarness control = ControlPlaneHarness.start(dataDir,
                "gantry.scheduler.max-pending-per-tenant = 3")) {
            control.awaitReady(); // no nodes: every job waits
            for (TenantId tenant : new TenantId[] {TEAM, OTHERS}) {
                control.services().tenants().create(ADMIN, new TenantSpec(tenant,
                        Map.of(PoolId.DEFAULT, new PoolQuota(4, PoolQuota.UNLIMITED)))).toCompletableFuture().join();
            }
            JobService jobs = control.services().jobs();
            Job first = submit(jobs, TEAM, "key-0");
            submit(jobs, TEAM, "key-1");
            submit(jobs, TEAM, "key-2");
            // The cap counts what the scheduler has queued, which trails a 201 by one notification.
            ControlPlaneHarness.await("the scheduler to queue team's three jobs", () -> jobs.queue(ADMIN),
                    queue -> queue.stream().filter(entry -> entry.tenant().equals(TEAM)).count() == 3,
                    Duration.ofSeconds(20));

            assertThatThrownBy(() -> submit(jobs, TEAM, "key-3"))
                    .hasCauseInstanceOf(ServiceException.TooManyRequests.class)
                    .hasMessageContaining("3 jobs waiting").hasMessageContaining("max-pending-per-tenant");
            assertThat(((ServiceException.TooManyRequests) catchCause(() -> submit(jobs, TEAM, "key-3")))
                    .retryAfter()).isPositive();
            assertThat(submit(jobs, TEAM, "key-1").name()).as("a repeat is not a new job").isEqualTo("job-key-1");
            assertThat(submit(jobs, OTHERS, "key-0").tenant()).isEqualTo(OTHERS);

            jobs.cancel(ADMIN, first.id()).toCompletableFuture().join();
            Job fourth = ControlPlaneHarness.await("room for another waiting job",
                    () -> jobs.submit(ADMIN, spec(TEAM, "key-3"), Optional.of("key-3")).thenApply(s -> s.job()),
                    job -> true, Duration.ofSeconds(20));
            assertThat(fourth.name()).isEqualTo("job-key-3");
        }
    }

    private static Job submit(JobService jobs, TenantId tenant, String key) {
        return jobs.submit(ADMIN, spec(tenant, key), Optional.of(key)).toCompletableFuture().join().job();
    }

    private static JobSpec spec(TenantId tenant, String key) {
        return JobSpec.builder("job-" + key, GpuRequest.fixed(1), SimulatedWorkload.ofSeconds(60)).tenant(tenant)
                .build();
    }

    private static Throwable catchCause(Runnable run) {
        try {
            run.run();
        } catch (RuntimeException e) {
            return e.getCause();
        }
        throw new AssertionError("no failure");
    }
}
