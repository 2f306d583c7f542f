package org.gantry.scheduler.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.Job;
import org.gantry.api.job.JobId;
import org.gantry.api.job.JobSpec;
import org.gantry.api.job.JobState;
import org.gantry.api.job.SimulatedWorkload;
import org.gantry.api.service.Caller;
import org.gantry.api.service.JobPage;
import org.gantry.api.service.JobQuery;
import org.gantry.api.service.JobService;
import org.gantry.api.service.QueueEntry;
import org.gantry.api.service.QueuePage;
import org.gantry.api.service.QueueQuery;
import org.gantry.api.service.ServiceException;
import org.gantry.api.tenant.PoolQuota;
import org.gantry.api.tenant.TenantId;
import org.gantry.api.tenant.TenantSpec;
import org.gantry.storage.tables.TableWrite;
import org.gantry.storage.tables.Tables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job table against the real journal: it says what the entities say after every restart,
 * whether its offset went back (every event delivered again is skipped by its row) or it is
 * gone altogether (a data directory from before the table: built once from every job's events).
 */
class JobTableTest {
    private static final Caller ADMIN = new Caller.Admin();
    private static final TenantId TEAM = TenantId.of("team");
    private static final TenantId LAB = TenantId.of("lab");

    @TempDir
    Path dataDir;

    @Test
    void theTableSaysWhatTheEntitiesSayAfterItsOffsetGoesBackOrItIsLost() {
        List<Job> before;
        try (ControlPlaneHarness control = ControlPlaneHarness.start(dataDir)) {
            control.awaitReady();
            createTenants(control);
            for (int i = 0; i < 6; i++) {
                Job job = submit(control, "job-" + i, i % 2 == 0 ? TEAM : LAB);
                if (i < 3) { // no agent: the rest wait; these end, cancelled
                    control.services().jobs().cancel(ADMIN, job.id()).toCompletableFuture().join();
                }
            }
            before = all(control);
            assertThat(before).hasSize(6);
            assertThat(before).filteredOn(job -> job.state() == JobState.CANCELLED).hasSize(3);
            assertListings(control, before);
        }

        withTables(tables -> tables.offsets().save("jobs", 0).join());
        try (ControlPlaneHarness control = ControlPlaneHarness.start(dataDir)) {
            control.awaitReady();
            assertThat(all(control)).as("every event again, each applied once").isEqualTo(before);
            assertListings(control, before);
            assertThat(control.services().jobs().queue(ADMIN).toCompletableFuture().join()).hasSize(3);
        }

        withTables(tables -> tables.commit(new TableWrite()
                .deleteRange(tables.table("jobs"), new byte[0], null)
                .deleteRange(tables.table("job-index"), new byte[0], null)
                .delete(tables.table("projection-offsets"), "jobs".getBytes(StandardCharsets.UTF_8))).join());
        try (ControlPlaneHarness control = ControlPlaneHarness.start(dataDir)) {
            control.awaitReady();
            assertThat(all(control)).as("built again from every job's events").isEqualTo(before);
            assertListings(control, before);
            assertThat(control.services().jobs().queue(ADMIN).toCompletableFuture().join())
                    .as("the scheduler starts from the live rows").hasSize(3);
            Job late = submit(control, "after-rebuild", TEAM);
            assertThat(all(control)).first().isEqualTo(late);
        }
    }

    @Test
    void theQueuePagesAndATenantsPagesKeepTheirPlaceInTheWholeQueue() {
        try (ControlPlaneHarness control = ControlPlaneHarness.start(dataDir)) {
            control.awaitReady();
            createTenants(control);
            for (int i = 0; i < 6; i++) { // no agent: every one waits
                submit(control, "job-" + i, i % 2 == 0 ? TEAM : LAB);
            }
            QueuePage first = queue(control, ADMIN, new QueueQuery(0, 4));
            assertThat(first.queue()).extracting(QueueEntry::position).containsExactly(1, 2, 3, 4);
            assertThat(first.total()).isEqualTo(6);
            assertThat(first.nextOffset()).isEqualTo(4);
            QueuePage last = queue(control, ADMIN, new QueueQuery(4, 4));
            assertThat(last.queue()).extracting(QueueEntry::name).containsExactly("job-4", "job-5");
            assertThat(last.nextOffset()).isNull();

            Caller lab = new Caller.Tenant(LAB);
            assertThat(queue(control, lab, QueueQuery.FIRST).queue()).extracting(QueueEntry::position)
                    .as("numbered by their place in the whole queue").containsExactly(2, 4, 6);
            QueuePage second = queue(control, lab, new QueueQuery(1, 1));
            assertThat(second.queue()).extracting(QueueEntry::name).containsExactly("job-3");
            assertThat(second.total()).as("only the jobs the tenant may see").isEqualTo(3);
            assertThat(second.nextOffset()).isEqualTo(2);
            assertThat(queue(control, lab, new QueueQuery(3, 10)).queue()).as("past the end").isEmpty();
        }
    }

    private static QueuePage queue(ControlPlaneHarness control, Caller caller, QueueQuery query) {
        return control.services().jobs().queue(caller, query).toCompletableFuture().join();
    }

    @Test
    void aJobJustAcceptedOrCancelledIsListedToItsSubmitterAndToTheAdmin() {
        try (ControlPlaneHarness control = ControlPlaneHarness.start(dataDir)) {
            control.awaitReady();
            createTenants(control);
            Caller team = new Caller.Tenant(TEAM);
            JobService jobs = control.services().jobs();
            for (int i = 0; i < 20; i++) { // no agent: each waits until cancelled
                JobSpec spec = JobSpec.builder("mine-" + i, GpuRequest.fixed(1), SimulatedWorkload.ofSeconds(60))
                        .tenant(TEAM).build();
                Job mine = jobs.submit(team, spec, Optional.empty()).toCompletableFuture().join().job();
                assertThat(listed(jobs, team, JobState.PENDING)).as("to its submitter").contains(mine.id());
                assertThat(listed(jobs, ADMIN, JobState.PENDING)).as("to the admin").contains(mine.id());
                jobs.cancel(team, mine.id()).toCompletableFuture().join();
                assertThat(listed(jobs, team, JobState.CANCELLED)).as("cancelled").contains(mine.id());
                assertThat(listed(jobs, team, JobState.PENDING)).doesNotContain(mine.id());
                assertThat(listed(jobs, new Caller.Tenant(LAB), null)).as("not another tenant's").isEmpty();
            }
        }
    }

    private static List<JobId> listed(JobService jobs, Caller caller, JobState state) {
        return jobs.list(caller, new JobQuery(state, null, null, JobQuery.MAX_LIMIT)).toCompletableFuture().join()
                .jobs().stream().map(Job::id).toList();
    }

    @Test
    void aCursorThisServerNeverHandedOutIsRefused() {
        try (ControlPlaneHarness control = ControlPlaneHarness.start(dataDir)) {
            control.awaitReady();
            for (String cursor : List.of("nonsense", "12~", "~j-1", "x~j-1")) {
                assertThatThrownBy(() -> list(control, new JobQuery(null, null, cursor, 10)))
                        .isInstanceOf(CompletionException.class).hasCauseInstanceOf(ServiceException.Invalid.class)
                        .hasMessageContaining("start again without a cursor");
            }
        }
    }

    /** Each filter lists exactly the matching jobs, newest first, in pages that follow their cursors. */
    private static void assertListings(ControlPlaneHarness control, List<Job> all) {
        for (JobState state : new JobState[] {null, JobState.PENDING, JobState.CANCELLED}) {
            for (TenantId tenant : new TenantId[] {null, TEAM, LAB}) {
                List<Job> expected = all.stream().filter(job -> state == null || job.state() == state)
                        .filter(job -> tenant == null || job.tenant().equals(tenant)).toList();
                assertThat(paged(control, state, tenant, 2)).as(state + " of " + tenant).isEqualTo(expected);
            }
        }
    }

    private static List<Job> paged(ControlPlaneHarness control, JobState state, TenantId tenant, int limit) {
        List<Job> jobs = new java.util.ArrayList<>();
        String cursor = null;
        do {
            JobPage page = list(control, new JobQuery(state, tenant, cursor, limit));
            jobs.addAll(page.jobs());
            cursor = page.nextCursor();
        } while (cursor != null);
        return jobs;
    }

    private static List<Job> all(ControlPlaneHarness control) {
        List<Job> jobs = list(control, new JobQuery(null, null, null, JobQuery.MAX_LIMIT)).jobs();
        assertThat(jobs).isSortedAccordingTo(java.util.Comparator.comparing(Job::submittedAt).reversed());
        return jobs;
    }

    private static JobPage list(ControlPlaneHarness control, JobQuery query) {
        return control.services().jobs().list(ADMIN, query).toCompletableFuture().join();
    }

    private static Job submit(ControlPlaneHarness control, String name, TenantId tenant) {
        JobSpec spec = JobSpec.builder(name, GpuRequest.fixed(1), SimulatedWorkload.ofSeconds(60)).tenant(tenant)
                .build();
        return control.services().jobs().submit(ADMIN, spec, Optional.empty()).toCompletableFuture().join().job();
    }

    private static void createTenants(ControlPlaneHarness control) {
        for (TenantId tenant : List.of(TEAM, LAB)) {
            control.services().tenants().create(ADMIN, new TenantSpec(tenant,
                    Map.of(PoolId.DEFAULT, new PoolQuota(1, 1)))).toCompletableFuture().join();
        }
        // A pool with no nodes refuses submits; the default pool is always known.
    }

    /** Opens the data directory's tables with no control plane running, as an operator's tool would. */
    private void withTables(Consumer<Tables> change) {
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "tables",
                ControlPlaneHarness.config(dataDir));
        try {
            change.accept(Tables.of(Adapter.toClassic(system)));
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().join();
        }
    }
}
