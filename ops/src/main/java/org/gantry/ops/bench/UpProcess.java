package org.gantry.ops.bench;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code gantry up} in a JVM of its own, from the jar this one runs, with the JVM options the
 * launcher gives servers: a restart as an operator would do it, whose heap can be inspected alone.
 */
final class UpProcess implements AutoCloseable {
    /** What the {@code gantry} launcher passes to {@code up}. */
    private static final List<String> SERVER_OPTIONS = List.of("-XX:+UseG1GC", "-XX:MaxGCPauseMillis=15");

    private final Process process;

    private UpProcess(Process process) {
        this.process = process;
    }

    /** Starts it; its output goes to {@code log}. */
    static UpProcess start(Path dataDir, int nodes, int gpusPerNode, int port, List<String> jvmOptions, Path log)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(SERVER_OPTIONS);
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar().toString(), "up", "--data-dir", dataDir.toString(),
                "--nodes", String.valueOf(nodes), "--gpus-per-node", String.valueOf(gpusPerNode),
                "--port", String.valueOf(port)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
        return new UpProcess(process);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    private static Path jar() {
        try {
            return Path.of(UpProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot tell which jar this runs from", e);
        }
    }

    /** Stops it as Ctrl-C would, then for good after 30 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
