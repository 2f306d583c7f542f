package org.gantry.ops.cli.node;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.gantry.agent.isolation.Isolation;
import org.gantry.agent.isolation.UidRange;
import picocli.CommandLine.Option;

/** How the agents of a command isolate their jobs: {@code --isolation} and {@code --job-uids}. */
final class IsolationOptions {
    /** The environment variable {@code --isolation} defaults to (a test harness turns it off with it). */
    static final String ENV = "GANTRY_ISOLATION";

    @Option(names = "--isolation", defaultValue = "${env:" + ENV + ":-auto}", paramLabel = "auto|off",
            description = "auto: as root (with setpriv and a cgroup filesystem), run each tenant's jobs under a "
                    + "uid of their own, each in a cgroup; off: run them as this process's user. Default: "
                    + "${DEFAULT-VALUE} (GANTRY_ISOLATION sets it).")
    private String isolation;

    @Option(names = "--job-uids", defaultValue = "61000-61999", paramLabel = "FIRST-LAST",
            description = "The uids given to tenants' jobs, one per tenant, kept in job-users.properties in the "
                    + "data dir. Agents sharing a host need ranges of their own (default: ${DEFAULT-VALUE}).")
    private String jobUids;

    /** What the agents can do here, keeping tenants' uids in {@code usersFile}; says it on {@code out}. */
    Isolation detect(Path usersFile, PrintWriter out) {
        if (!isolation.equals("auto") && !isolation.equals("off")) {
            throw new IllegalArgumentException("--isolation is auto or off, got '" + isolation + "'");
        }
        Isolation detected = Isolation.detect(isolation.equals("auto"), usersFile, UidRange.parse(jobUids));
        out.printf(detected.describe().isolated() ? "Jobs isolated: %s%n" : "WARNING: jobs are not isolated: %s%n",
                detected.describe().detail());
        return detected;
    }
}
