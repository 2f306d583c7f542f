package org.gantry.ops.cli.bench;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gantry.ops.bench.CheckpointBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gantry bench checkpoint}: a checkpoint shipped from one node and restored on another. */
@Command(name = "checkpoint",
        description = {
            "Measure checkpoints that follow the job: a directory of SIZE MiB in FILES files is packed on one "
                + "agent node, streamed to the control plane's object store (Pekko stream refs over Artery, "
                + "SHA-256 checked before the commit) and restored on another agent node (streamed back, "
                + "checked, unpacked). Three cluster nodes on loopback ports in this JVM.",
            "",
            "Target: restoring 1 GiB takes <= 10 s.",
            ""},
        footer = {"", "Examples:", "  gantry bench checkpoint", "  gantry bench checkpoint --size-mib 256 --json",
            "", "Data goes to a throwaway directory under --work-dir; put it on the disk you want measured."},
        mixinStandardHelpOptions = true)
final class CheckpointBenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--size-mib", paramLabel = "SIZE", defaultValue = "1024",
            description = "Size of the checkpoint directory, in MiB (default: ${DEFAULT-VALUE}).")
    private long sizeMib;

    @Option(names = "--files", paramLabel = "FILES", defaultValue = "8",
            description = "Files the checkpoint is split into (default: ${DEFAULT-VALUE}).")
    private int files;

    @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = "${java.io.tmpdir}",
            description = "Where the throwaway data directories go (default: ${DEFAULT-VALUE}).")
    private Path workDir;

    @Option(names = "--json", description = "Print one JSON object with every figure.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        if (sizeMib < 1 || files < 1 || files > 100_000) {
            throw new ParameterException(spec.commandLine(), "--size-mib must be >= 1 and --files within 1..100000");
        }
        spec.commandLine().getErr().println("gantry bench checkpoint: writing " + sizeMib + " MiB, then shipping "
                + "and restoring it");
        CheckpointBench.Report report = CheckpointBench.run(workDir, sizeMib << 20, files);
        BenchOutput.print(spec, json, report, CheckpointBenchCommand::render);
        return report.sameFiles() ? 0 : 1;
    }

    private static String render(CheckpointBench.Report r) {
        return String.format(Locale.ROOT, "Checkpoint of %,d MiB in %d files (%,d bytes packed)%n"
                        + "  ship    (pack, stream, verify, commit): %6.2f s  %,7.0f MiB/s%n"
                        + "  restore (stream, verify, unpack):       %6.2f s  %,7.0f MiB/s  %s target <= 10 s for 1 GiB%n"
                        + "  restored files identical: %s%n",
                r.bytes() >> 20, r.files(), r.storedBytes(), r.shipSeconds(), r.shipMiBPerSecond(),
                r.restoreSeconds(), r.restoreMiBPerSecond(), r.restoreSeconds() * (1L << 30) / r.bytes() <= 10
                        ? "ok  " : "MISS", r.sameFiles() ? "yes" : "NO");
    }
}
