package org.gantry.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gantry.agent.isolation.Isolation;
import org.gantry.agent.isolation.ResourceLimits;
import org.junit.jupiter.api.Assumptions;

/**
 * Isolation tests need root, setpriv and a cgroup filesystem: without them they skip, saying
 * why, except under {@code GANTRY_REQUIRE_TEST_PEERS=1} (CI runs as root), where they fail.
 */
public final class IsolationPeers {
    static final String REQUIRE = "GANTRY_REQUIRE_TEST_PEERS";

    private IsolationPeers() {}

    public static void require(Isolation isolation) {
        if (isolation instanceof Isolation.None none) {
            String why = "jobs cannot be isolated here: " + none.reason();
            if ("1".equals(System.getenv(REQUIRE))) {
                throw new AssertionError(why + " (" + REQUIRE + "=1)");
            }
            Assumptions.abort(why);
        }
    }

    /** Whether {@code pid} runs: a killed orphan may stay a zombie until init reaps it. */
    public static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return false;
        }
    }

    static Isolation withDefaults(Isolation isolation, ResourceLimits defaults) {
        return isolation instanceof Isolation.Confined confined
                ? new Isolation.Confined(confined.users(), confined.cgroups(), confined.setpriv(), defaults)
                : isolation;
    }
}
