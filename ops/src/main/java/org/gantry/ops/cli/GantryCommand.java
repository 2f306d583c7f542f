package org.gantry.ops.cli;

import java.io.PrintWriter;
import org.gantry.api.client.GantryClientException;
import org.gantry.ops.cli.client.CancelCommand;
import org.gantry.ops.cli.client.ClientFailure;
import org.gantry.ops.cli.client.CordonCommand;
import org.gantry.ops.cli.client.DatasetsCommand;
import org.gantry.ops.cli.client.DeployCommand;
import org.gantry.ops.cli.client.DrainCommand;
import org.gantry.ops.cli.client.ExplainCommand;
import org.gantry.ops.cli.client.JobCommand;
import org.gantry.ops.cli.client.JobsCommand;
import org.gantry.ops.cli.client.LogsCommand;
import org.gantry.ops.cli.client.ModelsCommand;
import org.gantry.ops.cli.client.NodesCommand;
import org.gantry.ops.cli.client.PoolsCommand;
import org.gantry.ops.cli.client.QueueCommand;
import org.gantry.ops.cli.client.QuotaCommand;
import org.gantry.ops.cli.client.SubmitCommand;
import org.gantry.ops.cli.client.TenantsCommand;
import org.gantry.ops.cli.client.UncordonCommand;
import org.gantry.ops.cli.client.UploadDatasetCommand;
import org.gantry.ops.cli.client.UsageCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/**
 * The {@code gantry} command: the one entry point an operator runs, through the {@code ./gantry}
 * launcher at the repository root. Each subcommand lives in its own class; list one here only
 * once it works.
 */
@Command(
    name = "gantry",
    mixinStandardHelpOptions = true,
    versionProvider = GantryVersion.class,
    description = "Gantry: an elastic job scheduler for GPU clusters.",
    synopsisSubcommandLabel = "COMMAND",
    commandListHeading = "%nCommands:%n",
    subcommands = {org.gantry.ops.cli.node.UpCommand.class, org.gantry.ops.cli.node.ControlCommand.class,
        org.gantry.ops.cli.node.AgentNodeCommand.class, org.gantry.ops.cli.node.CertsCommand.class,
        // Client commands, over the REST API.
        SubmitCommand.class, JobsCommand.class, JobCommand.class, QueueCommand.class, CancelCommand.class,
        LogsCommand.class, ExplainCommand.class, NodesCommand.class, PoolsCommand.class, CordonCommand.class,
        DrainCommand.class, UncordonCommand.class, QuotaCommand.class, TenantsCommand.class,
        org.gantry.ops.cli.client.TokensCommand.class, org.gantry.ops.cli.client.AuditCommand.class, UsageCommand.class,
        ModelsCommand.class, DatasetsCommand.class, UploadDatasetCommand.class, DeployCommand.class,
        org.gantry.ops.cli.client.TopCommand.class, org.gantry.ops.cli.client.LoginCommand.class,
        SimulateCommand.class, org.gantry.ops.cli.bench.BenchCommand.class, CompletionCommand.class,
        VersionCommand.class, HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:Success.",
        "1:The command failed (a client command: the server refused, or could not be reached).",
        "2:Invalid usage (unknown command or option)."
    },
    footerHeading = "%n",
    footer = {
        "Client commands (submit to tenants) talk to the REST API at $GANTRY_URL (default " +
        "http://localhost:8080) with the bearer token $GANTRY_TOKEN; --url and --token override them.",
        "",
        "Run 'gantry help COMMAND' for a command's options.",
        "See README.md for how to build, run and test Gantry."
    })
public final class GantryCommand {

    /** The command line with Gantry's settings; {@link #main} and tests share it. */
    public static CommandLine newCommandLine() {
        return new CommandLine(new GantryCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(GantryCommand::misused)
                .setExecutionExceptionHandler(GantryCommand::failed);
    }

    /**
     * Invalid usage says what was wrong once, offers the nearest command or option, and points to
     * --help: the whole usage text buried the one line that mattered. Exit code 2.
     */
    private static int misused(CommandLine.ParameterException problem, String[] args) {
        CommandLine command = problem.getCommandLine();
        PrintWriter err = command.getErr();
        String name = command.getCommandSpec().qualifiedName();
        err.println(name + ": " + problem.getMessage());
        if (problem instanceof CommandLine.UnmatchedArgumentException unmatched) {
            for (String typed : unmatched.getUnmatched()) {
                Suggestions.nearest(typed, Suggestions.choices(command.getCommandSpec()))
                        .ifPresent(near -> err.println("Did you mean '" + name + " " + near + "'?"));
            }
        }
        if (!command.getSubcommands().isEmpty() && problem.getMessage().startsWith("Missing required subcommand")) {
            command.usage(err); // "gantry" alone: the list of commands is the answer
        } else {
            err.println("Run '" + name + " --help' for usage.");
        }
        err.flush();
        return 2;
    }

    /** A command that fails says so in one line (what went wrong), not with a stack trace; exit code 1. */
    private static int failed(Exception problem, CommandLine command, CommandLine.ParseResult parsed) {
        if (problem instanceof GantryClientException refused) {
            return ClientFailure.print(command, refused);
        }
        String message = problem.getMessage() != null ? problem.getMessage() : problem.getClass().getSimpleName();
        command.getErr().println("gantry " + command.getCommandName() + ": " + message);
        command.getErr().flush();
        return 1;
    }

    public static void main(String[] args) {
        giveAsyncStagesAPool();
        spawnWithoutHelper();
        System.exit(newCommandLine().execute(args));
    }

    /**
     * With fewer than 3 cores the JDK's common pool has one thread, and CompletableFuture then
     * runs every async stage (Pekko's ask and HTTP layers use them) on a new thread of its own:
     * thousands of thread starts per second under load. Two threads are enough to avoid that.
     */
    private static void giveAsyncStagesAPool() {
        String parallelism = "java.util.concurrent.ForkJoinPool.common.parallelism";
        if (System.getProperty(parallelism) == null && Runtime.getRuntime().availableProcessors() < 3) {
            System.setProperty(parallelism, "2");
        }
    }

    /**
     * An agent spawns a process per job. The JDK's default on Linux (posix_spawn) execs its
     * {@code jspawnhelper} first, which then execs the command: one exec more per process. vfork
     * goes straight to the command; the child borrows the JVM's memory only until its exec.
     * Measured on this project's machine: ~1 ms less CPU per spawn of {@code true}. Left to the
     * JDK where the operator chose, or where the JDK deprecates vfork (22 and later).
     */
    private static void spawnWithoutHelper() {
        String mechanism = "jdk.lang.Process.launchMechanism";
        if (System.getProperty(mechanism) == null && Runtime.version().feature() < 22
                && System.getProperty("os.name").startsWith("Linux")) {
            System.setProperty(mechanism, "VFORK");
        }
    }
}
