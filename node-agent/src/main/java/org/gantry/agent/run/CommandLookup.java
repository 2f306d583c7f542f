package org.gantry.agent.run;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Checks, before launching, that a command names an executable file. The watchdog shell
 * would otherwise start fine and only then fail with 127, which the control plane could not
 * tell from a program that exits 127 itself.
 */
final class CommandLookup {

    private CommandLookup() {}

    /** {@code program} as {@code execvp} would find it: a path when it holds a '/', else searched on {@code path}. */
    static Path find(String program, Path workingDir, String path) throws LaunchFailure {
        if (program.isEmpty()) {
            throw new LaunchFailure("the command is empty");
        }
        if (program.indexOf('/') >= 0) {
            Path file = resolve(workingDir, program);
            if (!Files.exists(file)) {
                throw new LaunchFailure("no such file: " + program);
            }
            if (!Files.isRegularFile(file) || !Files.isExecutable(file)) {
                throw new LaunchFailure("not an executable file: " + program);
            }
            return file;
        }
        for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
            Path file = resolve(workingDir, dir.isEmpty() ? "." : dir).resolve(program);
            if (Files.isRegularFile(file) && Files.isExecutable(file)) {
                return file;
            }
        }
        // The PATH itself is not shown: inherited, it is the agent's, and tenants see this reason.
        throw new LaunchFailure("no such file: " + program + " (not found on the job's PATH: give its full path, "
                + "or set PATH in the job's env)");
    }

    private static Path resolve(Path workingDir, String path) throws LaunchFailure {
        try {
            return workingDir.resolve(path);
        } catch (InvalidPathException e) {
            throw new LaunchFailure("not a valid path: " + path);
        }
    }
}
