package org.gantry.scheduler.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.apache.pekko.actor.typed.Props;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.Job;
import org.gantry.api.job.JobSpec;
import org.gantry.api.job.JobState;
import org.gantry.api.job.ProcessWorkload;
import org.gantry.api.protocol.AgentCommand;
import org.gantry.api.service.Caller;
import org.gantry.api.service.JobService;
import org.gantry.api.service.ServiceException;
import org.gantry.api.tenant.PoolQuota;
import org.gantry.api.tenant.TenantId;
import org.gantry.api.tenant.TenantSpec;
import org.gantry.scheduler.control.secret.SecretKeys;
import org.gantry.scheduler.control.secret.SecretSeal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job's secret values are sealed before its entity persists them: the RocksDB files (journal,
 * WAL, job table) read raw hold no plain value, while an ordinary env value is found there, so
 * the scan does see what is written plain. The agent, and only it, gets the value opened; a
 * restarted control plane still opens what it sealed.
 */
class SecretsAtRestTest {
    private static final Caller ADMIN = new Caller.Admin();
    private static final TenantId TEAM = TenantId.of("team");

    @TempDir
    Path dataDir;

    @Test
    void secretValuesAreSealedInTheJournalAndOpenedOnlyForTheAgent() throws IOException {
        String secret = "secret-" + UUID.randomUUID();
        String plainMarker = "plain-" + UUID.randomUUID();
        JobSpec spec = JobSpec.builder("with-secret", GpuRequest.fixed(1),
                new ProcessWorkload(List.of("true"), Map.of("MARKER", plainMarker), Map.of("API_KEY", secret), null))
                .tenant(TEAM).build();
        Queue<AgentCommand.StartJob> starts = new ConcurrentLinkedQueue<>();
        String id;
        try (ControlPlaneHarness control = ControlPlaneHarness.start(dataDir)) {
            control.system.systemActorOf(ScriptedAgent.create("node-1", 2, Duration.ZERO,
                    new ConcurrentLinkedQueue<>(), starts), "agent-1", Props.empty());
            control.awaitReady();
            control.services().tenants().create(ADMIN, new TenantSpec(TEAM,
                    Map.of(PoolId.DEFAULT, new PoolQuota(2, PoolQuota.UNLIMITED)))).toCompletableFuture().join();
            JobService jobs = control.services().jobs();
            Job job = jobs.submit(ADMIN, spec, Optional.of("key-1")).toCompletableFuture().join().job();
            id = job.id().value();
            assertThat(secretOf(job.spec())).startsWith(SecretSeal.PREFIX).doesNotContain(secret);

            // A retry is the same job; the same key with another secret value is another job.
            assertThat(jobs.submit(ADMIN, spec, Optional.of("key-1")).toCompletableFuture().join().created())
                    .isFalse();
            JobSpec otherSecret = JobSpec.builder("with-secret", GpuRequest.fixed(1), new ProcessWorkload(
                    List.of("true"), Map.of("MARKER", plainMarker), Map.of("API_KEY", "another-value"), null))
                    .tenant(TEAM).build();
            assertThatThrownBy(() -> jobs.submit(ADMIN, otherSecret, Optional.of("key-1")).toCompletableFuture()
                    .join()).hasCauseInstanceOf(ServiceException.Conflict.class)
                    .hasMessageNotContaining("another-value").hasMessageNotContaining(secret);

            ControlPlaneHarness.await("job " + id + " to succeed", () -> jobs.get(ADMIN, job.id()),
                    done -> done.state() == JobState.SUCCEEDED, Duration.ofSeconds(30));
            assertThat(starts).isNotEmpty().allSatisfy(start -> assertThat(secretOf(start.spec())).isEqualTo(secret));
        }
        assertThat(filesContaining(plainMarker)).as("the scan sees values written plain").isNotEmpty();
        assertThat(filesContaining(SecretSeal.PREFIX)).as("sealed values are written").isNotEmpty();
        assertThat(filesContaining(secret)).as("files holding the plain secret value").isEmpty();

        try (ControlPlaneHarness control = ControlPlaneHarness.start(dataDir)) {
            control.awaitReady();
            Job back = control.services().jobs().get(ADMIN, org.gantry.api.job.JobId.of(id)).toCompletableFuture()
                    .join();
            assertThat(SecretKeys.resolve(null, dataDir).openValues(back.spec())).containsExactly(secret);
        }
    }

    @Test
    void aJobWhoseSecretsTheKeyCannotOpenFailsToLaunchNamingTheVariableOnly() throws IOException {
        String secret = "secret-" + UUID.randomUUID();
        JobSpec spec = JobSpec.builder("keyless", GpuRequest.fixed(1),
                new ProcessWorkload(List.of("true"), Map.of(), Map.of("API_KEY", secret), null)).tenant(TEAM).build();
        Job waiting;
        try (ControlPlaneHarness control = ControlPlaneHarness.start(dataDir)) {
            control.awaitReady(); // no node yet: the job waits
            control.services().tenants().create(ADMIN, new TenantSpec(TEAM,
                    Map.of(PoolId.DEFAULT, new PoolQuota(2, PoolQuota.UNLIMITED)))).toCompletableFuture().join();
            waiting = control.services().jobs().submit(ADMIN, spec, Optional.empty()).toCompletableFuture().join()
                    .job();
        }
        // The key is replaced (another GANTRY_SECRET_KEY, a lost secret.key): what was sealed stays shut.
        Files.writeString(dataDir.resolve(SecretKeys.FILE), java.util.Base64.getEncoder().encodeToString(
                java.security.SecureRandom.getSeed(32)) + "\n");
        Queue<AgentCommand.StartJob> starts = new ConcurrentLinkedQueue<>();
        try (ControlPlaneHarness control = ControlPlaneHarness.start(dataDir)) {
            control.system.systemActorOf(ScriptedAgent.create("node-1", 2, Duration.ZERO,
                    new ConcurrentLinkedQueue<>(), starts), "agent-1", Props.empty());
            control.awaitReady();
            Job failed = ControlPlaneHarness.await("the job to fail", () -> control.services().jobs().get(ADMIN,
                    waiting.id()), job -> job.state() == JobState.FAILED, Duration.ofSeconds(30));
            assertThat(failed.reason()).contains("API_KEY").contains(SecretKeys.ENV).doesNotContain(secret);
            assertThat(starts).as("nothing sent to an agent").isEmpty();
            assertThat(control.services().jobs().get(ADMIN, waiting.id()).toCompletableFuture().join().state())
                    .as("the scheduler lives on").isEqualTo(JobState.FAILED);
        }
    }

    private static String secretOf(JobSpec spec) {
        return ((ProcessWorkload) spec.workload()).secretEnv().get("API_KEY");
    }

    private List<Path> filesContaining(String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(dataDir)) {
            return files.filter(Files::isRegularFile).filter(file -> contains(read(file), needle)).toList();
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
