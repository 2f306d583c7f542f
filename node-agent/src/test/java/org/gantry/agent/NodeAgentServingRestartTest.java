package org.gantry.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gantry.agent.Agents.NODE;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.gantry.agent.objects.Artifacts;
import org.gantry.agent.objects.Checkpoints;
import org.gantry.agent.run.DjlServeRunner;
import org.gantry.agent.run.FakeReplicaMain;
import org.gantry.agent.run.JavaChild;
import org.gantry.agent.run.ProcessRunner;
import org.gantry.agent.run.ReplicaRestarts;
import org.gantry.agent.run.Runners;
import org.gantry.agent.run.SimulatedRunner;
import org.gantry.api.job.DjlServeWorkload;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.JobId;
import org.gantry.api.job.JobSpec;
import org.gantry.api.job.JobType;
import org.gantry.api.protocol.AgentCommand;
import org.gantry.api.protocol.AgentCommand.StopJob;
import org.gantry.api.protocol.AgentEvent;
import org.gantry.api.protocol.AgentEvent.AgentReport;
import org.gantry.api.protocol.AgentEvent.WorkloadExited;
import org.gantry.api.protocol.ExitCause;
import org.gantry.api.protocol.RunningWorkload;
import org.gantry.api.protocol.ServingEndpoint;
import org.gantry.api.tenant.TenantId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code djl-serve} attempt whose replica process dies on its own: the agent starts it again in
 * place (a real child JVM, {@link FakeReplicaMain}, through the real runner), withdrawing its
 * endpoint meanwhile and reporting the new one once it is ready, without an exit for the
 * attempt; a process that keeps dying ends the attempt once its restarts are spent; a stop while
 * it waits to be restarted ends it at once.
 */
class NodeAgentServingRestartTest {
    private static final ActorTestKit kit = ActorTestKit.create();
    private static final Duration LONG = Duration.ofSeconds(30);
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path workDir;
    private ActorRef<AgentCommand> agent;

    @AfterEach
    void stopAgent() {
        if (agent != null) {
            kit.stop(agent, LONG); // an agent that owns its memory kills what it runs
        }
    }

    @AfterAll
    static void shutDown() {
        kit.shutdownTestKit();
    }

    @Test
    void aReplicaProcessKilledIsStartedAgainInPlaceWhileTheAttemptGoesOn() throws Exception {
        TestProbe<AgentEvent> control = startServing("steady", ReplicaRestarts.DEFAULT);
        ServingEndpoint first = awaitEndpoint(control, null);
        long firstPid = pidAnswering(first);
        assertThat(ProcessHandle.of(firstPid)).as("the replica is a child process").isPresent();

        ProcessHandle.of(firstPid).orElseThrow().destroyForcibly(); // kill -9

        // Withdrawn at once (a report between heartbeats), and no exit for the attempt.
        control.fishForMessage(LONG, message -> {
            assertThat(message).isNotInstanceOf(AgentEvent.WorkloadExited.class);
            return message instanceof AgentReport report && served(report).isPresent()
                    && served(report).get().endpoints().isEmpty() ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore();
        });
        ServingEndpoint second = awaitEndpoint(control, first.url());
        long secondPid = pidAnswering(second);
        assertThat(secondPid).isNotEqualTo(firstPid);
        assertThat(second.token()).as("the attempt's token still holds").isEqualTo(first.token());
        String log = Files.readString(workDir.resolve("logs/serve/1/stdout.log"));
        assertThat(log.lines().filter(line -> line.startsWith("GANTRY_SERVING"))).as("both processes' ready lines kept")
                .hasSize(2);

        agent.tell(new StopJob(JobId.of("serve"), 1, "cancelled", Duration.ofSeconds(5)));
        WorkloadExited exited = awaitExit(control);
        assertThat(exited.cause()).isEqualTo(ExitCause.STOPPED);
        assertThat(exited.message()).contains("cancelled", "restarted once");
        assertThat(ProcessHandle.of(secondPid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
    }

    @Test
    void aReplicaProcessThatKeepsDyingEndsTheAttemptOnceItsRestartsAreSpent() throws Exception {
        TestProbe<AgentEvent> control = startServing("crashing",
                new ReplicaRestarts(2, Duration.ofMinutes(1), Duration.ofMillis(50), Duration.ofMillis(100)));

        WorkloadExited exited = awaitExit(control);

        assertThat(exited.cause()).isEqualTo(ExitCause.COMPLETED);
        assertThat(exited.exitCode()).isEqualTo(3);
        assertThat(exited.message()).contains("not restarted", "restarted 2 times in the last 1m");
        String log = Files.readString(workDir.resolve("logs/serve/1/stdout.log"));
        assertThat(log.lines().filter(line -> line.startsWith("GANTRY_SERVING"))).as("the first run and two restarts")
                .hasSize(3);
    }

    @Test
    void aStopWhileTheReplicaProcessWaitsToBeRestartedEndsTheAttemptAtOnce() throws Exception {
        TestProbe<AgentEvent> control = startServing("steady",
                new ReplicaRestarts(5, Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(5)));
        long pid = pidAnswering(awaitEndpoint(control, null));
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        control.fishForMessage(LONG, message -> message instanceof AgentReport report && served(report).isPresent()
                && served(report).get().endpoints().isEmpty() ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());

        agent.tell(new StopJob(JobId.of("serve"), 1, "cancelled", Duration.ofSeconds(5)));

        WorkloadExited exited = awaitExit(control);
        assertThat(exited.cause()).isEqualTo(ExitCause.STOPPED);
        assertThat(exited.exitCode()).isEqualTo(137);
    }

    /** An agent with the real runners, the serving one starting the stand-in; attempt 1 of job "serve" started. */
    private TestProbe<AgentEvent> startServing(String model, ReplicaRestarts restarts) {
        ProcessRunner processes = new ProcessRunner();
        JavaChild java = new JavaChild(JavaChild.ofThisJvm().java(), System.getProperty("java.class.path"),
                List.of("-Xmx64m", "-XX:+UseSerialGC"));
        Runners runners = new Runners(processes, new SimulatedRunner(), null,
                new DjlServeRunner(processes, java, "127.0.0.1", FakeReplicaMain.class.getName(), restarts));
        AgentSettings settings = AgentSettings.declared(NODE.value(), 1, workDir)
                .withHeartbeatInterval(Duration.ofMillis(300)).withKillGrace(Duration.ofSeconds(1));
        agent = kit.spawn(NodeAgent.create(settings, runners, (system, scratch) -> Checkpoints.LOCAL,
                (system, scratch) -> new ModelOnDisk()));
        TestProbe<AgentEvent> control = kit.createTestProbe();
        JobSpec spec = JobSpec.builder("serve", GpuRequest.fixed(1), new DjlServeWorkload(model, null, 1))
                .tenant(TenantId.of("vision")).type(JobType.INFERENCE).build();
        agent.tell(new AgentCommand.StartJob(JobId.of("serve"), 1, spec, Map.of(NODE, List.of(0)), control.ref()));
        // Reports may come first: the attempt counts as running while its model is fetched.
        control.fishForMessage(LONG, message -> message instanceof AgentEvent.WorkloadStarted
                ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
        return control;
    }

    /** The next report that shows the attempt's replica ready at an address other than {@code not}. */
    private static ServingEndpoint awaitEndpoint(TestProbe<AgentEvent> control, String not) {
        ServingEndpoint[] found = new ServingEndpoint[1];
        control.fishForMessage(LONG, message -> {
            assertThat(message).isNotInstanceOf(AgentEvent.WorkloadExited.class);
            if (message instanceof AgentReport report && served(report).isPresent()
                    && served(report).get().endpoints().size() == 1
                    && !served(report).get().endpoints().get(0).url().equals(not)) {
                found[0] = served(report).get().endpoints().get(0);
                return FishingOutcomes.complete();
            }
            return FishingOutcomes.continueAndIgnore();
        });
        return found[0];
    }

    private static WorkloadExited awaitExit(TestProbe<AgentEvent> control) {
        WorkloadExited[] found = new WorkloadExited[1];
        control.fishForMessage(LONG, message -> {
            if (message instanceof WorkloadExited exited) {
                found[0] = exited;
                return FishingOutcomes.complete();
            }
            return FishingOutcomes.continueAndIgnore();
        });
        assertThat(found[0].job()).isEqualTo(JobId.of("serve"));
        return found[0];
    }

    private static Optional<RunningWorkload> served(AgentReport report) {
        return report.running().stream().filter(run -> run.job().equals(JobId.of("serve"))).findFirst();
    }

    /** Asks the replica, as the control plane would, which process answers. */
    private long pidAnswering(ServingEndpoint endpoint) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(endpoint.url()))
                .header("Authorization", "Bearer " + endpoint.token()).POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Long.parseLong(answer.body().replaceAll("\\D", ""));
    }

    /** The object store's part in serving: the "model" a replica is given is a directory; "crashing" makes it die. */
    private static final class ModelOnDisk implements Artifacts {
        @Override
        public CompletionStage<Integer> fetchModel(TenantId tenant, String model, Integer version, Path dir) {
            try {
                Files.createDirectories(dir);
                if (model.equals("crashing")) {
                    Files.writeString(dir.resolve("crash"), "");
                }
                return CompletableFuture.completedFuture(1);
            } catch (IOException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        @Override
        public CompletionStage<Integer> publishModel(TenantId tenant, String model, JobId job, int attempt, Path dir) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException("serving only"));
        }

        @Override
        public CompletionStage<Long> fetchDataset(TenantId tenant, String dataset, JobId job, Path file) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException("serving only"));
        }
    }
}
