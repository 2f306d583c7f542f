package org.gantry.ops.metrics;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Programs a test runs beside Gantry (promtool, prometheus). Where one is missing the test is
 * skipped with a message that says how to get it, except when {@code GANTRY_REQUIRE_TEST_PEERS=1}
 * (CI sets it after installing them): then a missing one fails the test, so a green CI run
 * cannot hide a skipped check.
 */
final class TestPeers {
    static final String REQUIRE = "GANTRY_REQUIRE_TEST_PEERS";

    private TestPeers() {}

    static Path require(String program, String debianPackage) {
        return require(program, debianPackage, System.getenv());
    }

    static Path require(String program, String debianPackage, Map<String, String> env) {
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String message = program + " is not on the PATH; install it with 'apt-get install -y --no-install-recommends "
                + debianPackage + "'";
        if ("1".equals(env.get(REQUIRE))) {
            throw new AssertionError(message + " (" + REQUIRE + "=1 makes this a failure, not a skip)");
        }
        Assumptions.abort("skipped: " + message);
        return null; // not reached
    }
}
