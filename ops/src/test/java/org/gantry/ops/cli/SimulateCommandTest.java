package org.gantry.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    void startEstimatesAreScoredWhenAsked() {
        Result r = CliRun.run("simulate", "--trace", "tiresias-60", "--cluster", "1x8", "--quota", "none",
                "--policies", "gantry", "--estimate-starts", "1");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("start estimates at submit, gantry \\(every 1st submit, \\d+ jobs that "
                + "waited >= 5 min\\): median \\|estimated - actual start\\| \\d+% of the wait \\(signed [-+]\\d+%: "
                + "negative is early\\); the 10-90% range held \\d+% \\(median width \\d+% of the wait\\)");
        assertThat(r.out()).as("the calibration table of the durations told at submit").containsPattern(
                "calibration \\(share of durations at or below the quantile predicted at submit; calibrated: equal to "
                + "it\\): 10%: \\d+% 25%: \\d+% 50%: \\d+% 75%: \\d+% 90%: \\d+%; inside the 10-90% range: \\d+% "
                + "\\(calibrated: 80%\\)");
        assertThat(CliRun.run("simulate", "--trace", "tiresias-60", "--cluster", "1x8", "--policies", "fifo").out())
                .doesNotContain("start estimates");
    }

    @Test
    void helpOfPoliciesNamesEveryPolicyOfTheRegistry() {
        String help = CliRun.run("simulate", "--help").out();
        // The option's own description: from its line in the option list to the next option's.
        Matcher option = Pattern.compile("(?ms)^\\s+--policies=.*?(?=^\\s+--quota=)").matcher(help);
        assertThat(option.find()).as("--policies in the option list").isTrue();
        String policies = option.group();

        for (PolicyEntry entry : Policies.all()) {
            // A whole name: "sjf" inside "sjf-gpu" does not count.
            assertThat(policies).as(entry.name()).containsPattern("(?<![\\w-])" + entry.name() + "(?![\\w-])");
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
