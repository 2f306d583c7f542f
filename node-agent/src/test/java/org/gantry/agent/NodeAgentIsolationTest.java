package org.gantry.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gantry.agent.Agents.NODE;
import static org.gantry.agent.Agents.sh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.gantry.agent.isolation.Isolation;
import org.gantry.agent.isolation.ResourceLimits;
import org.gantry.agent.isolation.UidRange;
import org.gantry.agent.run.Runners;
import org.gantry.api.cluster.NodeIsolation;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.JobId;
import org.gantry.api.job.JobResources;
import org.gantry.api.job.JobSpec;
import org.gantry.api.protocol.AgentCommand;
import org.gantry.api.protocol.AgentCommand.StopJob;
import org.gantry.api.protocol.AgentEvent;
import org.gantry.api.protocol.AgentEvent.WorkloadExited;
import org.gantry.api.tenant.TenantId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A root agent's jobs, with the real process runner, setpriv and the host's cgroups: they run as
 * their tenant's uid, cannot read the agent's secrets, another tenant's files or another job's
 * environment; a stop leaves nothing behind, double-forked daemons included; the memory limit
 * holds. Skips where the agent could not isolate (not root, no setpriv or cgroups), except under
 * {@code GANTRY_REQUIRE_TEST_PEERS=1}, as in CI, where that fails.
 */
class NodeAgentIsolationTest {
    private static final ActorTestKit KIT = ActorTestKit.create();
    private static final UidRange UIDS = new UidRange(62900, 62949);
    /** On a loaded machine a JVM-less shell job still takes seconds: heartbeats' reports come in between. */
    private static final Duration SLOW = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    /** Where jobs leave what the test reads back (their pids): anyone may write there. */
    private Path shared;

    @AfterAll
    static void shutdown() {
        KIT.shutdownTestKit();
    }

    @BeforeEach
    void requireIsolation() throws Exception {
        IsolationPeers.require(isolation(ResourceLimits.defaults()));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        shared = Files.createDirectories(dir.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
    }

    @Test
    void aJobReadsNothingOfTheAgentsNorOfAnotherTenants() throws Exception {
        // What a host's data dir would hold, in a directory anyone may enter (a umask-022 default).
        Path control = Files.createDirectories(dir.resolve("control"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(control, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path token = Files.writeString(control.resolve("admin.token"), "admin-secret");
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
        Path journal = Files.createDirectories(control.resolve("journal"));
        Files.setPosixFilePermissions(journal, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(journal.resolve("000001.log"), "secretEnv WANDB_KEY=abc");

        Path work = dir.resolve("agent");
        ActorRef<AgentCommand> agent = spawn(work, ResourceLimits.defaults());
        TestProbe<AgentEvent> control1 = KIT.createTestProbe();
        // Tenant "other": a job that keeps a secret in its environment and its run dir, and stays up.
        JobSpec victim = spec("other", sh("echo private > mine.txt; pwd > " + shared.resolve("victim.cwd")
                + "; echo $$ > " + shared.resolve("victim.pid") + "; exec sleep 60"));
        agent.tell(new AgentCommand.StartJob(JobId.of("victim"), 1,
                JobSpec.builder(victim.name(), victim.gpus(), new org.gantry.api.job.ProcessWorkload(
                        ((org.gantry.api.job.ProcessWorkload) victim.workload()).command(), Map.of(),
                        Map.of("VICTIM_SECRET", "s3cret"), null)).tenant(victim.tenant()).build(),
                Map.of(NODE, List.of(0)), control1.ref()));
        started(control1, "victim", 1);
        Path victimPid = shared.resolve("victim.pid");
        awaitFile(victimPid);
        awaitFile(shared.resolve("victim.cwd"));
        String victimDir = Files.readString(shared.resolve("victim.cwd")).strip();

        TestProbe<AgentEvent> control2 = KIT.createTestProbe();
        String probe = String.join("; ",
                "id -u",
                "cat " + token + " && echo READ token",
                "ls " + journal + " && echo READ journal",
                "cat " + journal.resolve("000001.log") + " && echo READ journal-file",
                "cat " + victimDir + "/mine.txt && echo READ other-tenant-dir",
                "ls " + victimDir + " && echo READ other-tenant-listing",
                "tr '\\0' '\\n' < /proc/$(cat " + victimPid + ")/environ && echo READ other-environ",
                "tr '\\0' '\\n' < /proc/" + ProcessHandle.current().pid() + "/environ && echo READ agent-environ",
                "ls " + work.resolve("logs") + " && echo READ agent-logs",
                "env",
                "true");
        agent.tell(new AgentCommand.StartJob(JobId.of("snoop"), 1, spec("acme", sh(probe)), Map.of(NODE, List.of(1)),
                control2.ref()));
        started(control2, "snoop", 1);
        WorkloadExited snooped = exited(control2, "snoop", 1);
        String out = Files.readString(work.resolve("logs/snoop/1/stdout.log"));
        String err = Files.readString(work.resolve("logs/snoop/1/stderr.log"));

        assertThat(snooped.exitCode()).as(err).isZero();
        assertThat(Integer.parseInt(out.lines().findFirst().orElseThrow())).isBetween(UIDS.first(), UIDS.last());
        assertThat(out).as("what the job could read; its errors: " + err).doesNotContain("READ ")
                .doesNotContain("admin-secret").doesNotContain("s3cret").doesNotContain("private");
        assertThat(err).contains("Permission denied");
        // An environment of nothing of the agent's: this JVM's own variables did not reach it.
        assertThat(out).contains("HOME=" + work.resolve("jobs/homes")).doesNotContain("JAVA_HOME=")
                .doesNotContain("MAVEN");
        agent.tell(new StopJob(JobId.of("victim"), 1, "done", Duration.ofSeconds(1)));
        awaitGone(Long.parseLong(Files.readString(victimPid).strip()));
    }

    /**
     * A job starts in its own run directory (entered before it drops to its user), but a working
     * directory its spec names is entered as its user: one it may not enter fails the launch.
     */
    @Test
    void aJobStartsInItsOwnRunDirButNeverInADirectoryItsUserMayNotEnter() throws Exception {
        Path work = dir.resolve("agent-dirs");
        ActorRef<AgentCommand> agent = spawn(work, ResourceLimits.defaults());
        TestProbe<AgentEvent> control = KIT.createTestProbe();
        assertThat(runToSuccess(agent, control, work, "own", "pwd; touch here").get(0)).endsWith("/runs/own/1");

        // The agent's logs directory is its own (0700): the job's user may not enter it.
        JobSpec named = JobSpec.builder("nosy", GpuRequest.fixed(1), new org.gantry.api.job.ProcessWorkload(
                List.of("sh", "-c", "echo INSIDE"), Map.of(), Map.of(), "logs")).tenant(TenantId.of("acme")).build();
        agent.tell(new AgentCommand.StartJob(JobId.of("nosy"), 1, named, Map.of(NODE, List.of(1)), control.ref()));
        WorkloadExited refused = exited(control, "nosy", 1);
        assertThat(refused.exitCode()).isEqualTo(126);
        assertThat(Files.readString(work.resolve("logs/nosy/1/stdout.log"))).doesNotContain("INSIDE");
    }

    /**
     * The command's process joins its cgroup before it drops to the job's user: what the job runs
     * is in the job's cgroup in every controller (v1) or in the one tree (v2), as its tenant's uid.
     */
    @Test
    void aJobRunsInItsOwnCgroupInEveryController() throws Exception {
        Path work = dir.resolve("agent-cgroup");
        List<String> out = runToSuccess(spawn(work, ResourceLimits.defaults()), KIT.createTestProbe(), work, "joined",
                "id -u; cat /proc/self/cgroup");

        assertThat(Integer.parseInt(out.get(0).strip())).isBetween(UIDS.first(), UIDS.last());
        List<String> cgroups = out.subList(1, out.size());
        boolean v2 = Files.isRegularFile(Path.of("/sys/fs/cgroup/cgroup.controllers"));
        List<String> expected = v2 ? List.of("") : List.of("memory", "cpu", "pids", "freezer");
        for (String controller : expected) {
            // v1: "4:memory:/gantry/joined.1.…"; "cpu,cpuacct" names cpu among others. v2: "0::/gantry/…".
            assertThat(cgroups).as(controller.isEmpty() ? "the v2 tree" : controller).anySatisfy(line -> {
                String[] fields = line.split(":", 3);
                assertThat(List.of(fields[1].split(","))).contains(controller);
                assertThat(fields[2]).startsWith("/gantry/joined.1.");
            });
        }
    }

    @Test
    void aStopKillsWhatLeftTheProcessGroup() throws Exception {
        ActorRef<AgentCommand> agent = spawn(dir.resolve("agent"), ResourceLimits.defaults());
        TestProbe<AgentEvent> control = KIT.createTestProbe();
        Path daemon = shared.resolve("daemon.pid");
        // The daemon double-forks into a session of its own and ignores TERM: only the cgroup finds it.
        String script = "(setsid sh -c 'trap \"\" TERM; echo $$ > " + daemon + "; while :; do sleep 1; done' &) ; "
                + "trap '' TERM; sleep 60";
        agent.tell(new AgentCommand.StartJob(JobId.of("forker"), 1, spec("acme", sh(script)),
                Map.of(NODE, List.of(0)), control.ref()));
        started(control, "forker", 1);
        awaitFile(daemon);
        long pid = Long.parseLong(Files.readString(daemon).strip());
        assertThat(ProcessHandle.of(pid)).isPresent();

        agent.tell(new StopJob(JobId.of("forker"), 1, "cancelled", Duration.ofSeconds(1)));
        WorkloadExited exited = exited(control, "forker", 1);

        assertThat(exited.message()).contains("killed after a grace period");
        assertThat(IsolationPeers.running(pid)).as("the double-forked daemon, once the stop is reported").isFalse();
    }

    @Test
    void aJobOverItsMemoryLimitIsKilledAndToldSo() throws Exception {
        ActorRef<AgentCommand> agent = spawn(dir.resolve("agent"), ResourceLimits.defaults());
        TestProbe<AgentEvent> control = KIT.createTestProbe();
        // 100 MB in a shell variable: far over the spec's 32 MiB.
        JobSpec hog = spec("acme", sh("x=$(head -c 100000000 /dev/zero | tr '\\0' a); echo survived ${#x}"))
                .toBuilder().resources(new JobResources("32Mi", 0.5)).build();
        agent.tell(new AgentCommand.StartJob(JobId.of("hog"), 1, hog, Map.of(NODE, List.of(0)), control.ref()));
        started(control, "hog", 1);
        WorkloadExited exited = exited(control, "hog", 1);

        assertThat(exited.exitCode()).isNotZero();
        assertThat(exited.message()).contains("out of memory (OOM)").contains("32 MiB");
    }

    private static Isolation isolation(ResourceLimits defaults) {
        return IsolationPeers.withDefaults(Isolation.detect(true, Path.of(System.getProperty("java.io.tmpdir"))
                .resolve("gantry-isolation-test-" + ProcessHandle.current().pid() + ".properties"), UIDS), defaults);
    }

    private ActorRef<AgentCommand> spawn(Path work, ResourceLimits defaults) {
        Isolation isolation = isolation(defaults);
        assertThat(isolation.describe().mode()).isEqualTo(NodeIsolation.TENANT_UID);
        return KIT.spawn(NodeAgent.create(AgentSettings.declared(NODE.value(), 4, work)
                .withKillGrace(Duration.ofSeconds(1)), Runners.standard("127.0.0.1", isolation)));
    }

    private static JobSpec spec(String tenant, org.gantry.api.job.Workload workload) {
        return JobSpec.builder("test", GpuRequest.fixed(1), workload).tenant(TenantId.of(tenant)).build();
    }

    private static void awaitFile(Path file) throws InterruptedException {
        Instant deadline = Instant.now().plus(SLOW);
        while (!Files.exists(file) || sizeOf(file) == 0) {
            assertThat(Instant.now()).as("waiting for " + file).isBefore(deadline);
            Thread.sleep(20);
        }
    }

    /** The next event of {@code type} for {@code job}; heartbeats' reports come in between under load. */
    private static <E extends AgentEvent> E next(TestProbe<AgentEvent> control, Class<E> type, String job) {
        Instant deadline = Instant.now().plus(SLOW);
        while (true) {
            AgentEvent event = control.receiveMessage(Duration.between(Instant.now(), deadline));
            JobId of = event instanceof AgentEvent.WorkloadStarted started ? started.job()
                    : event instanceof WorkloadExited exited ? exited.job() : null;
            if (type.isInstance(event) && JobId.of(job).equals(of)) {
                return type.cast(event);
            }
        }
    }

    /** Runs {@code script} as tenant acme's job on GPU 0 until it exits 0; the lines it wrote to stdout. */
    private static List<String> runToSuccess(ActorRef<AgentCommand> agent, TestProbe<AgentEvent> control, Path work,
                                             String job, String script) throws Exception {
        agent.tell(new AgentCommand.StartJob(JobId.of(job), 1, spec("acme", sh(script)), Map.of(NODE, List.of(0)),
                control.ref()));
        started(control, job, 1);
        assertThat(exited(control, job, 1).exitCode()).isZero();
        return Files.readAllLines(work.resolve("logs/" + job + "/1/stdout.log"));
    }

    private static AgentEvent.WorkloadStarted started(TestProbe<AgentEvent> control, String job, int attempt) {
        return next(control, AgentEvent.WorkloadStarted.class, job);
    }

    private static WorkloadExited exited(TestProbe<AgentEvent> control, String job, int attempt) {
        return next(control, WorkloadExited.class, job);
    }

    private static void awaitGone(long pid) throws InterruptedException {
        Instant deadline = Instant.now().plus(SLOW);
        while (IsolationPeers.running(pid)) {
            assertThat(Instant.now()).as("waiting for " + pid + " to end").isBefore(deadline);
            Thread.sleep(20);
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
