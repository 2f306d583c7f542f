package org.gantry.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gantry.agent.Agents.expectExited;
import static org.gantry.agent.Agents.expectStarted;
import static org.gantry.agent.Agents.read;
import static org.gantry.agent.Agents.run;
import static org.gantry.agent.Agents.sh;
import static org.gantry.agent.Agents.spec;
import static org.gantry.agent.Agents.start;
import static org.gantry.agent.Agents.text;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.gantry.api.job.JobId;
import org.gantry.api.job.ProcessWorkload;
import org.gantry.api.protocol.AgentCommand;
import org.gantry.api.protocol.AgentCommand.LogStream;
import org.gantry.api.protocol.AgentCommand.StopJob;
import org.gantry.api.protocol.AgentEvent;
import org.gantry.api.protocol.AgentEvent.WorkloadExited;
import org.gantry.api.protocol.ExitCause;
import org.gantry.api.protocol.LogChunk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeAgentProcessTest {
    private static final ActorTestKit kit = ActorTestKit.create();

    @TempDir
    Path workDir;
    private ActorRef<AgentCommand> agent;
    private TestProbe<AgentEvent> control;

    @BeforeEach
    void spawnAgent() {
        agent = Agents.spawn(kit, workDir);
        control = kit.createTestProbe();
    }

    @AfterAll
    static void shutDown() {
        kit.shutdownTestKit();
    }

    @Test
    void aCommandThatSucceedsStartsAndCompletesWithZero() {
        WorkloadExited exited = run(agent, control, "ok", "true");

        assertThat(exited.exitCode()).isZero();
        assertThat(exited.cause()).isEqualTo(ExitCause.COMPLETED);
    }

    @Test
    void theExitCodeOfTheCommandIsReportedExactly() {
        WorkloadExited exited = run(agent, control, "three", "exit 3");

        assertThat(exited.exitCode()).isEqualTo(3);
        assertThat(exited.cause()).isEqualTo(ExitCause.COMPLETED);
        assertThat(exited.message()).contains("3");
    }

    @Test
    void theWorkloadSeesItsGpusIdentityAndSecretsInItsEnvironment() {
        ProcessWorkload workload = new ProcessWorkload(List.of("sh", "-c",
                "echo cuda=$CUDA_VISIBLE_DEVICES job=$GANTRY_JOB_ID attempt=$GANTRY_ATTEMPT node=$GANTRY_NODE "
                        + "lr=$LR key=$WANDB_KEY ckpt=$GANTRY_CHECKPOINT_DIR rank=${RANK:-none} "
                        + "world=$WORLD_SIZE master=$MASTER_ADDR:$MASTER_PORT pwd=$(pwd)"),
                Map.of("LR", "0.1"), Map.of("WANDB_KEY", "s3cret"), null);
        agent.tell(start("env-job", 2, spec(workload), control));
        expectStarted(control, "env-job", 2);
        assertThat(expectExited(control, "env-job", 2).exitCode()).isZero();

        String out = text(read(kit, agent, "env-job", 2, LogStream.STDOUT, 0, 4096));
        assertThat(out).contains("cuda=1,3 ", "job=env-job ", "attempt=2 ", "node=node-a ", "lr=0.1 ",
                "key=s3cret ", "ckpt=" + workDir.resolve("checkpoints/env-job") + " ", "rank=0 ",
                "world=1 ", "master=127.0.0.1:29501 ",
                "pwd=" + workDir.resolve("runs/env-job/2"));
        assertThat(workDir.resolve("checkpoints/env-job")).isDirectory();
    }

    @Test
    void stderrIsKeptApartFromStdoutAndReadInPieces() {
        run(agent, control, "err", "echo to-out; echo to-err-0123456789 >&2");

        assertThat(text(read(kit, agent, "err", 1, LogStream.STDOUT, 0, 4096))).isEqualTo("to-out\n");
        LogChunk first = read(kit, agent, "err", 1, LogStream.STDERR, 0, 6);
        assertThat(text(first)).isEqualTo("to-err");
        assertThat(first.found()).isTrue();
        assertThat(first.ended()).isFalse();
        LogChunk rest = read(kit, agent, "err", 1, LogStream.STDERR, first.nextOffset(), 4096);
        assertThat(text(rest)).isEqualTo("-0123456789\n");
        assertThat(rest.ended()).isTrue();
        assertThat(read(kit, agent, "nobody", 1, LogStream.STDOUT, 0, 4096).found()).isFalse();
    }

    @Test
    void aStopReachesTheCommandAndItsTermHandlerMayExitCleanly() {
        agent.tell(start("graceful", 1, spec(sh("trap 'echo bye; exit 0' TERM; echo ready; "
                + "while :; do sleep 0.1; done")), control));
        expectStarted(control, "graceful", 1);
        awaitStdout("graceful", "ready");
        agent.tell(new StopJob(JobId.of("graceful"), 1, "cancelled", Duration.ofSeconds(20)));

        WorkloadExited exited = expectExited(control, "graceful", 1);
        assertThat(exited.cause()).isEqualTo(ExitCause.STOPPED);
        assertThat(exited.exitCode()).isZero();
        assertThat(exited.message()).contains("cancelled");
        assertThat(text(read(kit, agent, "graceful", 1, LogStream.STDOUT, 0, 4096))).isEqualTo("ready\nbye\n");
    }

    @Test
    void aCommandThatIgnoresTermIsKilledWhenTheGraceIsOver() {
        agent.tell(start("stubborn", 1, spec(sh("trap 'echo ignored' TERM; echo ready; while :; do sleep 0.1; done")),
                control));
        expectStarted(control, "stubborn", 1);
        awaitStdout("stubborn", "ready");
        long stoppedAt = System.nanoTime();
        agent.tell(new StopJob(JobId.of("stubborn"), 1, "preempted", Duration.ofSeconds(1)));

        WorkloadExited exited = expectExited(control, "stubborn", 1);
        assertThat(Duration.ofNanos(System.nanoTime() - stoppedAt)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(exited.cause()).isEqualTo(ExitCause.STOPPED);
        assertThat(exited.exitCode()).isEqualTo(137);
        assertThat(exited.message()).contains("preempted", "killed");
        assertThat(text(read(kit, agent, "stubborn", 1, LogStream.STDOUT, 0, 4096))).contains("ignored");
    }

    @Test
    void aCommandPastItsTimeLimitIsKilled() {
        agent.tell(start("slow", 1, spec(sh("sleep 30")).toBuilder().timeLimit(Duration.ofSeconds(1)).build(),
                control));
        expectStarted(control, "slow", 1);

        WorkloadExited exited = expectExited(control, "slow", 1);
        assertThat(exited.cause()).isEqualTo(ExitCause.TIME_LIMIT);
        assertThat(exited.exitCode()).isEqualTo(143);
        assertThat(exited.message()).contains("time limit");
    }

    @Test
    void aMissingCommandFailsToLaunchAndSaysWhy() {
        agent.tell(start("missing", 1, spec(ProcessWorkload.of("no-such-program-xyz", "--help")), control));

        WorkloadExited exited = expectExited(control, "missing", 1);
        assertThat(exited.cause()).isEqualTo(ExitCause.LAUNCH_FAILED);
        assertThat(exited.exitCode()).isEqualTo(-1);
        assertThat(exited.message()).contains("no such file", "no-such-program-xyz", "the job's PATH")
                .doesNotContain(System.getenv().getOrDefault("PATH", "/usr/bin")); // the agent's own PATH stays private

        agent.tell(start("missing-dir", 1, spec(new ProcessWorkload(List.of("true"), null, null, "/no/such/dir")),
                control));
        assertThat(expectExited(control, "missing-dir", 1).message()).contains("no such working directory");
    }

    @Test
    void gpusTheNodeDoesNotHaveFailToLaunch() {
        agent.tell(new AgentCommand.StartJob(JobId.of("wrong-gpu"), 1, spec(sh("true")),
                Map.of(Agents.NODE, List.of(7)), control.ref()));

        WorkloadExited exited = expectExited(control, "wrong-gpu", 1);
        assertThat(exited.cause()).isEqualTo(ExitCause.LAUNCH_FAILED);
        assertThat(exited.message()).contains("GPU 7");
    }

    @Test
    void aRepeatedStartDoesNotRunTheAttemptTwice() {
        Path marker = workDir.resolve("runs-count");
        AgentCommand.StartJob start = start("once", 1, spec(sh("echo x >> " + marker + "; sleep 0.5")), control);
        agent.tell(start);
        agent.tell(start);
        expectStarted(control, "once", 1);
        expectExited(control, "once", 1);
        control.expectNoMessage(Duration.ofMillis(300));

        agent.tell(start);
        WorkloadExited again = expectExited(control, "once", 1);
        assertThat(again.cause()).isEqualTo(ExitCause.COMPLETED);
        control.expectNoMessage(Duration.ofMillis(300));
        assertThat(marker).hasContent("x");
    }

    @Test
    void stoppingAnEndedAttemptRepeatsItsExit() {
        WorkloadExited first = run(agent, control, "done", "exit 5");

        agent.tell(new StopJob(JobId.of("done"), 1, "cancel", Duration.ofSeconds(1)));
        assertThat(expectExited(control, "done", 1)).isEqualTo(first);
    }

    @Test
    void stoppingAnUnknownAttemptSettlesItAsStopped() {
        agent.tell(new AgentCommand.Describe(control.ref()));
        control.expectMessageClass(AgentEvent.AgentReport.class, Agents.WAIT);

        agent.tell(new StopJob(JobId.of("ghost"), 4, "cancel", Duration.ofSeconds(1)));
        WorkloadExited exited = expectExited(control, "ghost", 4);
        assertThat(exited.cause()).isEqualTo(ExitCause.STOPPED);
        assertThat(exited.exitCode()).isEqualTo(-1);

        // A start that arrives after the stop must not run it.
        agent.tell(start("ghost", 4, spec(sh("true")), control));
        assertThat(expectExited(control, "ghost", 4)).isEqualTo(exited);
    }

    private void awaitStdout(String job, String text) {
        long deadline = System.nanoTime() + Agents.WAIT.toNanos();
        while (!text(read(kit, agent, job, 1, LogStream.STDOUT, 0, 4096)).contains(text)) {
            assertThat(System.nanoTime()).as("stdout of %s to contain %s", job, text).isLessThan(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
