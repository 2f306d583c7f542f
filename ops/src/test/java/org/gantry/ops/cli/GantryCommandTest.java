package org.gantry.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.gantry.agent.gpu.NvidiaSmiGpus;
import org.gantry.ops.cli.CliRun.Result;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class GantryCommandTest {

    private static Result run(String... args) {
        return CliRun.run(args);
    }

    @Test
    void helpDescribesGantryAndListsItsCommands() {
        Result r = run("--help");

        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out())
            .startsWith("Usage: gantry [-hV] COMMAND")
            .contains("Gantry: an elastic job scheduler for GPU clusters.")
            .contains("Commands:")
            .containsPattern("(?m)^  up\\s+Run all of Gantry in one process")
            .containsPattern("(?m)^  control\\s+Run a control node")
            .containsPattern("(?m)^  agent\\s+Run the agent of a GPU node")
            .containsPattern("(?m)^  simulate\\s+Replay a job trace")
            .containsPattern("(?m)^  bench\\s+Measure Gantry's speed")
            .containsPattern("(?m)^  version\\s+Print the Gantry version")
            .containsPattern("(?m)^  help\\s+")
            .contains("README.md");
        // The client commands, and the environment they read.
        for (String client : new String[] {"submit", "jobs", "job", "cancel", "logs", "explain", "nodes", "cordon",
                "drain", "uncordon", "quota", "tenants"}) {
            assertThat(r.out()).containsPattern("(?m)^  " + client + "\\s+\\S");
        }
        assertThat(r.out())
            .containsPattern("(?m)^  submit\\s+Submit a job")
            .containsPattern("(?m)^  jobs\\s+List jobs")
            .contains("GANTRY_URL")
            .contains("GANTRY_TOKEN");
    }

    @Test
    void helpSubcommandPrintsTheSameUsage() {
        assertThat(run("help").out()).isEqualTo(run("--help").out());
    }

    @Test
    void versionPrintsGantryAndJavaVersions() {
        Result r = run("version");

        assertThat(r.exit()).isZero();
        String[] lines = r.out().split("\\R");
        assertThat(lines).hasSize(2);
        // Tests run from classes, without the fat jar's manifest: the fallback applies.
        assertThat(lines[0]).isEqualTo("gantry dev");
        assertThat(lines[1]).startsWith("Java " + Runtime.version().feature());
    }

    @Test
    void versionOptionMatchesVersionCommand() {
        Result r = run("--version");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo(run("version").out());
    }

    @Test
    void unknownCommandIsAUsageErrorWithASuggestion() {
        Result r = run("verison");

        assertThat(r.exit()).isEqualTo(CommandLine.ExitCode.USAGE).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err())
            .contains("Unmatched argument at index 0: 'verison'")
            .contains("Did you mean: gantry version");
    }

    @Test
    void noCommandIsAUsageErrorThatShowsUsage() {
        Result r = run();

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Missing required subcommand").contains("Usage: gantry");
    }

    @Test
    void aControlNodeOnALocalJournalRefusesToJoinAnotherOne() {
        Result r = run("control", "--seed", "127.0.0.1:25999", "--data-dir",
                System.getProperty("java.io.tmpdir") + "/gantry-refused");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("cannot join 127.0.0.1:25999 as another control node")
            .contains("local RocksDB").contains("pekko.persistence.journal.plugin");
    }

    @Test
    void agentsNeedASeedAndSayHowToDeclareGpus() {
        assertThat(run("agent").exit()).isEqualTo(2);
        Result wrong = run("agent", "--seed", "127.0.0.1:25999", "--gpus", "many");
        assertThat(wrong.exit()).isEqualTo(1);
        assertThat(wrong.err()).contains("--gpus takes 'auto' or a number of GPUs to declare, got 'many'");
        // Where nvidia-smi exists, --gpus auto would start a real agent: this half needs a node without one.
        assumeTrue(NvidiaSmiGpus.locate(System.getenv("PATH")).isEmpty(), "nvidia-smi is on this machine's PATH");
        Result auto = run("agent", "--seed", "127.0.0.1:25999", "--gpus", "auto");
        assertThat(auto.exit()).isEqualTo(1);
        assertThat(auto.err()).contains("nvidia-smi, which is not on this node's PATH").contains("--gpus 8");
    }
}
