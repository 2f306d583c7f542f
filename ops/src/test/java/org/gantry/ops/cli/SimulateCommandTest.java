package org.gantry.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.gantry.ops.cli.CliRun.Result;
import org.gantry.scheduler.policy.Policies;
import org.gantry.scheduler.policy.PolicyEntry;
import org.junit.jupiter.api.Test;

/** {@code gantry simulate} on the traces that ship inside Gantry, and the error for a trace that is neither. */
class SimulateCommandTest {

    @Test
    void aBundledTraceRunsByNameWithNothingBesideTheCheckout() {
        Result r = CliRun.run("simulate", "--trace", "tiresias-60", "--cluster", "1x8", "--quota", "none",
                "--policies", "fifo,las");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("60 jobs from tiresias-60 on 1x8");
        assertThat(r.out()).contains("fifo").contains("las");
    }

    @Test
    void helpNamesEveryPolicyOfTheRegistry() {
        String help = CliRun.run("simulate", "--help").out();

        for (PolicyEntry entry : Policies.all()) {
            assertThat(help).as(entry.name()).containsPattern("\\b" + entry.name() + "\\b");
        }
    }

    @Test
    void aTraceThatIsNeitherAFileNorBundledNamesTheBundledOnes() {
        Result r = CliRun.run("simulate", "--trace", "no-such-trace.csv");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("cannot read trace file no-such-trace.csv")
                .contains("philly, tiresias-60");
    }
}
