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
            .contains("Did you mean 'gantry version'?")
            .contains("Run 'gantry --help' for usage.")
            .doesNotContain("Commands:"); // one line that matters, not the whole usage
    }

    @Test
    void swappedLettersAndMistypedOptionsGetASuggestion() {
        assertThat(run("jbos").err()).contains("Did you mean 'gantry jobs'?");
        Result option = run("jobs", "--jsn");
        assertThat(option.exit()).isEqualTo(2);
        assertThat(option.err()).contains("Did you mean 'gantry jobs --json'?");
        assertThat(run("xyzzy").err()).doesNotContain("Did you mean");
    }

    @Test
    void clientSideMistakesAreUsageErrorsSaidOnce() {
        Result state = run("jobs", "--state", "BOGUS", "--url", "http://127.0.0.1:1");
        assertThat(state.exit()).isEqualTo(2);
        assertThat(state.err()).contains("--state").contains("PENDING").contains("BOGUS");
        assertThat(state.err().lines().filter(line -> line.contains("BOGUS")).count()).isEqualTo(1);

        Result limit = run("jobs", "--limit", "0", "--url", "http://127.0.0.1:1");
        assertThat(limit.exit()).isEqualTo(2);
        assertThat(limit.err()).contains("--limit must be between 1 and 1000, got 0");

        Result output = run("nodes", "-o", "yaml", "--url", "http://127.0.0.1:1");
        assertThat(output.exit()).isEqualTo(2);
        assertThat(output.err()).contains("json").contains("wide");
    }

    /**
     * Picocli wraps a description element longer than the 80-column usage width; an element that
     * is one line of a hand-broken paragraph then breaks mid-sentence ("nodes,\nwith RocksDB").
     * So a long element must be a whole paragraph (ending a sentence), and a short one may be a line.
     */
    @Test
    void helpTextIsWrittenInParagraphsThatWrapCleanly() {
        java.util.List<String> ragged = new java.util.ArrayList<>();
        walk(GantryCommand.newCommandLine(), ragged);
        assertThat(ragged).as("description lines that picocli would wrap mid-sentence").isEmpty();
    }

    private static void walk(CommandLine command, java.util.List<String> ragged) {
        var usage = command.getCommandSpec().usageMessage();
        for (String[] texts : new String[][] {usage.description(), usage.header(), usage.footer()}) {
            for (String text : texts) {
                String line = text.stripTrailing();
                if (line.length() > 79 && !line.startsWith("  ") && !line.matches("(?s).*[.:!?)]$")) { // "  " starts an example
                    ragged.add(command.getCommandSpec().qualifiedName() + ": " + line);
                }
            }
        }
        command.getSubcommands().values().forEach(sub -> walk(sub, ragged));
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
