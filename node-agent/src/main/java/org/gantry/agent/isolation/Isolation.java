package org.gantry.agent.isolation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.gantry.api.cluster.NodeIsolation;
import org.gantry.api.tenant.TenantId;
import org.slf4j.LoggerFactory;

/**
 * Whether, and how, this node keeps jobs from each other and from the agent. {@link Confined}
 * when the agent runs as root with {@code setpriv} and a cgroup filesystem: each job under its
 * tenant's uid, in a cgroup of its own. Otherwise {@link None}, which says why; jobs then run
 * as the agent's own user and could read what it can.
 */
public sealed interface Isolation {
    /** What a confined job's PATH is unless its spec sets one: never the agent's own. */
    String SAFE_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    /** Where setpriv (util-linux) is looked for. */
    List<Path> SETPRIV = Stream.of("/usr/bin/setpriv", "/bin/setpriv", "/usr/sbin/setpriv", "/sbin/setpriv")
            .map(Path::of).toList();

    /** An agent built without asking for isolation (tests, embedders): jobs run as the agent's user. */
    Isolation NOT_ASKED = new None("the agent was started without isolation: jobs run as its user");

    /** What GET /nodes shows of it. */
    NodeIsolation describe();

    /** Where the directories jobs use live (run, checkpoint, home), for an agent working in {@code workDir}. */
    Path jobsRoot(Path workDir);

    /** Makes the agent's work directory, as private as its jobs allow. */
    void prepareWorkDir(Path workDir) throws IOException;

    /** Jobs run as the agent's user. */
    record None(String reason) implements Isolation {
        @Override
        public NodeIsolation describe() {
            return NodeIsolation.none(reason);
        }

        @Override
        public Path jobsRoot(Path workDir) {
            return workDir;
        }

        @Override
        public void prepareWorkDir(Path workDir) throws IOException {
            Files.createDirectories(workDir);
            Files.setPosixFilePermissions(workDir, Modes.OWNER_ONLY);
        }
    }

    /**
     * Jobs run confined: as their tenant's uid from {@code users}, in a cgroup of {@code cgroups}
     * with {@code defaults} where the spec names no limit, through {@code setpriv}.
     */
    record Confined(JobUsers users, CgroupTree cgroups, Path setpriv, ResourceLimits defaults) implements Isolation {

        @Override
        public NodeIsolation describe() {
            return new NodeIsolation(NodeIsolation.TENANT_UID, "jobs run as uids " + users.range() + ", one per "
                    + "tenant, in a " + cgroups.describe() + " cgroup each");
        }

        /**
         * Inside the work directory where a job's uid can reach it; else, so that the work
         * directory may stay private behind a parent that others cannot enter (a 0700 data
         * directory), beside it in the temporary directory, under a name derived from it.
         */
        @Override
        public Path jobsRoot(Path workDir) {
            Path absolute = workDir.toAbsolutePath().normalize();
            if (Modes.reachableByOthers(absolute.getParent())) {
                return absolute.resolve("jobs");
            }
            return TempJobRoots.of(Path.of(System.getProperty("java.io.tmpdir")), absolute);
        }

        /** Others may pass through it to their own directories in {@link #jobsRoot}, but not list it. */
        @Override
        public void prepareWorkDir(Path workDir) throws IOException {
            Files.createDirectories(workDir);
            Files.setPosixFilePermissions(workDir, Modes.PASS_THROUGH);
            // Logs are the agent's: it writes them through the descriptors it hands the job.
            Files.setPosixFilePermissions(Files.createDirectories(workDir.resolve("logs")), Modes.OWNER_ONLY);
            Path jobs = jobsRoot(workDir);
            Files.createDirectories(jobs);
            Files.setPosixFilePermissions(jobs, Modes.PASS_THROUGH);
            if (!jobs.startsWith(workDir.toAbsolutePath().normalize())) {
                Modes.requireOwnedByAgent(jobs);
                TempJobRoots.claim(jobs, workDir.toAbsolutePath().normalize());
            }
        }

        /**
         * Prepares one launch of {@code tenant}'s job: its user, its home, {@code ownDirs} handed
         * to that user (what the agent put there for it stays readable to it), its cgroup named
         * {@code name}. {@code jobsRoot} is where homes live.
         */
        public Confinement confine(TenantId tenant, String name, ResourceLimits limits, Path jobsRoot,
                                   List<Path> ownDirs) throws IOException {
            Modes.requireOwnedByAgent(jobsRoot);
            JobUser user = users.of(tenant);
            Path home = jobsRoot.resolve("homes").resolve(Integer.toString(user.uid()));
            Files.setPosixFilePermissions(Files.createDirectories(home.getParent()), Modes.PASS_THROUGH);
            Files.createDirectories(home);
            Modes.handOver(home, user);
            for (Path dir : ownDirs) {
                Files.createDirectories(dir);
                for (Path parent = dir.getParent(); parent != null && parent.startsWith(jobsRoot)
                        && !parent.equals(jobsRoot); parent = parent.getParent()) {
                    Files.setPosixFilePermissions(parent, Modes.PASS_THROUGH);
                }
                Modes.handOver(dir, user);
            }
            JobCgroup cgroup = cgroups.create(name, merged(limits));
            // The watchdog's fork joins the cgroup as root; then setpriv drops to the job's user.
            List<String> prefix = List.of(setpriv.toString(), "--reuid=" + user.uid(), "--regid=" + user.gid(),
                    "--clear-groups", "--no-new-privs", "--");
            Map<String, String> env = Map.of("PATH", SAFE_PATH, "HOME", home.toString(), "USER", "gantry-" + user.uid(),
                    "LOGNAME", "gantry-" + user.uid(), "LANG", "C.UTF-8");
            return new Confinement(prefix, env, cgroup);
        }

        private ResourceLimits merged(ResourceLimits limits) {
            return new ResourceLimits(limits.memoryBytes() > 0 ? limits.memoryBytes() : defaults.memoryBytes(),
                    limits.cpus() > 0 ? limits.cpus() : defaults.cpus(),
                    limits.pids() > 0 ? limits.pids() : defaults.pids());
        }
    }

    /** Where cgroup filesystems are mounted. */
    Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");

    /** As {@link #detect(boolean, Path, UidRange, Path)} with the host's cgroups. */
    static Isolation detect(boolean wanted, Path usersFile, UidRange range) {
        return detect(wanted, usersFile, range, CGROUP_ROOT);
    }

    /**
     * Confined where this JVM can be, else None with the reason. {@code wanted} false is the
     * operator's explicit {@code --isolation off}; {@code usersFile} keeps tenants' uids.
     */
    static Isolation detect(boolean wanted, Path usersFile, UidRange range, Path cgroupRoot) {
        if (!wanted) {
            return new None("turned off (--isolation off): jobs run as the agent's user and can read its files");
        }
        int uid = Modes.uid(Path.of("/proc/self"));
        if (uid != 0) {
            return new None("the agent runs as uid " + uid + ", not root: jobs run as the agent's user and can read "
                    + "its files (run the agent as root to give each tenant a uid and each job a cgroup)");
        }
        Path setpriv = SETPRIV.stream().filter(Files::isExecutable).findFirst().orElse(null);
        if (setpriv == null) {
            return new None("setpriv (util-linux) is not installed: jobs run as the agent's user (install "
                    + "util-linux)");
        }
        try {
            CgroupTree cgroups = CgroupTree.detect(cgroupRoot);
            sweepLeftovers(cgroups);
            return new Confined(JobUsers.load(usersFile, range), cgroups, setpriv, ResourceLimits.defaults());
        } catch (IsolationUnavailable e) {
            return new None(e.getMessage() + ": jobs run as the agent's user");
        } catch (IOException e) {
            return new None("cannot read the job uid map " + usersFile + " (" + e.getMessage() + "): jobs run as "
                    + "the agent's user");
        }
    }

    /** How old an empty job cgroup must be before an agent starting up takes it for a leftover. */
    Duration LEFTOVER_AGE = Duration.ofMinutes(1);

    /** What agents killed with their jobs left on this host: empty job cgroups, orphaned job roots. */
    private static void sweepLeftovers(CgroupTree cgroups) {
        int idle = cgroups.sweepIdle(LEFTOVER_AGE);
        int roots = TempJobRoots.sweepOrphans(Path.of(System.getProperty("java.io.tmpdir")));
        if (idle + roots > 0) {
            LoggerFactory.getLogger(Isolation.class).info("removed what earlier agents left on this host: {} empty "
                    + "job cgroup(s), {} job root(s) of work dirs that are gone", idle, roots);
        }
    }
}
