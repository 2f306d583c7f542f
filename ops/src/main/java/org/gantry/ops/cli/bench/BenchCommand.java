package org.gantry.ops.cli.bench;

import picocli.CommandLine.Command;

/**
 * {@code gantry bench}: measurements of Gantry's own speed, one subcommand per part. A part adds
 * its command class to {@code subcommands}, and nothing else here changes.
 */
@Command(name = "bench",
        description = "Measure Gantry's speed: how fast its parts run at the scale it promises.",
        synopsisSubcommandLabel = "COMMAND",
        commandListHeading = "%nCommands:%n",
        mixinStandardHelpOptions = true,
        subcommands = {
            SchedulerBenchCommand.class,
            ApiBenchCommand.class,
            StorageBenchCommand.class,
            HistoryBenchCommand.class,
            RestartBenchCommand.class,
            MetricsBenchCommand.class,
            PredictBenchCommand.class,
            CheckpointBenchCommand.class,
            FloodBenchCommand.class,
        })
public final class BenchCommand {
}
