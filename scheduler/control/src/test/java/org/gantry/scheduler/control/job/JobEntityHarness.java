package org.gantry.scheduler.control.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit.CommandResultWithReply;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.Job;
import org.gantry.api.job.JobId;
import org.gantry.api.job.JobSpec;
import org.gantry.api.job.JobState;
import org.gantry.api.job.ProcessWorkload;
import org.gantry.api.protocol.ExitCause;
import org.gantry.api.tenant.TenantId;
import org.gantry.scheduler.control.SchedulerCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * One job entity per test under the persistence testkit, with serialization verification on:
 * every command, event and state makes a CBOR round trip. Short helpers keep each test to its rule.
 */
abstract class JobEntityHarness {
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    static final Map<NodeId, List<Integer>> TWO_GPUS = Map.of(NodeId.of("node-a"), List.of(0, 1));
    static final Map<NodeId, List<Integer>> OTHER_GPUS = Map.of(NodeId.of("node-b"), List.of(2, 3));

    private static final AtomicInteger IDS = new AtomicInteger();
    private static ActorTestKit testKit;

    JobId id;
    TestProbe<SchedulerCommand.JobChanged> scheduler;
    EventSourcedBehaviorTestKit<JobCommand, JobEvent, JobLifecycle> kit;

    @BeforeAll
    static void startSystem() {
        testKit = ActorTestKit.create(EventSourcedBehaviorTestKit.config().withFallback(ConfigFactory.load()));
    }

    @AfterAll
    static void stopSystem() {
        testKit.shutdownTestKit();
    }

    @BeforeEach
    void newEntity() {
        id = JobId.of("job-" + IDS.incrementAndGet());
        scheduler = testKit.createTestProbe(SchedulerCommand.JobChanged.class);
        kit = EventSourcedBehaviorTestKit.create(testKit.system(), JobEntity.create(id, scheduler.ref()),
                EventSourcedBehaviorTestKit.enabledSerializationSettings());
    }

    static JobSpec spec(int maxRetries) {
        return JobSpec.builder("resnet50", GpuRequest.fixed(2), ProcessWorkload.of("python", "train.py"))
                .tenant(TenantId.of("vision")).timeLimit(Duration.ofHours(4)).maxRetries(maxRetries).build();
    }

    static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    CommandResultWithReply<JobCommand, JobEvent, JobLifecycle, JobReply> run(
            Function<ActorRef<JobReply>, JobCommand> command) {
        return kit.runCommand(command);
    }

    /** Runs a command expected to change the job, checks the scheduler heard of it, and returns the job. */
    Job change(Function<ActorRef<JobReply>, JobCommand> command) {
        CommandResultWithReply<JobCommand, JobEvent, JobLifecycle, JobReply> result = run(command);
        assertThat(result.events()).hasSize(1);
        JobReply.Accepted accepted = result.replyOfType(JobReply.Accepted.class);
        assertThat(accepted.changed()).isTrue();
        assertThat(scheduler.receiveMessage().job()).isEqualTo(accepted.job());
        assertThat(accepted.job()).isEqualTo(result.state().view(id));
        return accepted.job();
    }

    /** Runs a command expected to change nothing: no event, no notice, the job as it was. */
    JobReply unchanged(Function<ActorRef<JobReply>, JobCommand> command) {
        JobLifecycle before = kit.getState();
        CommandResultWithReply<JobCommand, JobEvent, JobLifecycle, JobReply> result = run(command);
        assertThat(result.hasNoEvents()).isTrue();
        assertThat(result.state()).isEqualTo(before);
        scheduler.expectNoMessage(Duration.ofMillis(1));
        return result.reply();
    }

    /** A repeat or a stale report: accepted, nothing changed. */
    Job accepted(Function<ActorRef<JobReply>, JobCommand> command) {
        JobReply reply = unchanged(command);
        assertThat(reply).isInstanceOf(JobReply.Accepted.class);
        assertThat(((JobReply.Accepted) reply).changed()).isFalse();
        return ((JobReply.Accepted) reply).job();
    }

    /** Refused, nothing changed; returns the reason. */
    String refused(Function<ActorRef<JobReply>, JobCommand> command) {
        JobReply reply = unchanged(command);
        assertThat(reply).isInstanceOf(JobReply.Refused.class);
        assertThat(((JobReply.Refused) reply).job()).isEqualTo(kit.getState().view(id));
        return ((JobReply.Refused) reply).reason();
    }

    // The commands, as a test reads them.

    Job submit(JobSpec spec) {
        return change(r -> new JobCommand.Submit(spec, "key-1", T0, r));
    }

    Job submit() {
        return submit(spec(0));
    }

    static Function<ActorRef<JobReply>, JobCommand> schedule(int attempt, Map<NodeId, List<Integer>> gpus) {
        return r -> new JobCommand.Schedule(attempt, gpus, at(attempt * 10), r);
    }

    static Function<ActorRef<JobReply>, JobCommand> start(int attempt) {
        return r -> new JobCommand.MarkStarted(attempt, at(attempt * 10 + 1), r);
    }

    static Function<ActorRef<JobReply>, JobCommand> suspend(int attempt, String reason) {
        return r -> new JobCommand.Suspend(attempt, reason, at(attempt * 10 + 5), r);
    }

    static Function<ActorRef<JobReply>, JobCommand> exit(int attempt, int code, ExitCause cause, String message) {
        return r -> new JobCommand.MarkExited(attempt, code, cause, message, at(attempt * 10 + 9), r);
    }

    static Function<ActorRef<JobReply>, JobCommand> requeue(int attempt, String reason) {
        return r -> new JobCommand.Requeue(attempt, reason, at(attempt * 10 + 8), r);
    }

    static Function<ActorRef<JobReply>, JobCommand> cancel(String by) {
        return r -> new JobCommand.Cancel(by, at(100), r);
    }

    /** Submitted and running attempt {@code 1} on {@link #TWO_GPUS}. */
    Job running(JobSpec spec) {
        submit(spec);
        change(schedule(1, TWO_GPUS));
        Job job = change(start(1));
        assertThat(job.state()).isEqualTo(JobState.RUNNING);
        return job;
    }
}
