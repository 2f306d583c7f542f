package org.gantry.ops.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gantry version}: prints Gantry's version and the Java runtime it runs on. */
@Command(name = "version", description = "Print the Gantry version and the Java runtime.")
final class VersionCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        for (String line : GantryVersion.lines()) {
            out.println(line);
        }
        out.flush();
    }
}
