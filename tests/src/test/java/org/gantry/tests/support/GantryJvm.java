package org.gantry.tests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Gantry JVM started from the fat jar, as an operator would start it, with its output in a
 * log file. {@link #kill9()} is a real SIGKILL: no shutdown hooks, no goodbye to the cluster.
 */
public final class GantryJvm implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;

    private GantryJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** The jar the build made; the tests module's pom passes its path. */
    public static Path jar() {
        String path = System.getProperty("gantry.jar");
        if (path == null || !Files.isRegularFile(Path.of(path))) {
            throw new IllegalStateException("gantry.jar not found at " + path + "; run the tests through 'mvn verify'");
        }
        return Path.of(path);
    }

    public static GantryJvm start(String name, Path logDir, Map<String, String> env, String... args) {
        return start(name, logDir, env, List.of(), args);
    }

    /** With {@code jvmOptions} (such as {@code -Dgantry.scheduler.min-run=3s}) before {@code -jar}. */
    public static GantryJvm start(String name, Path logDir, Map<String, String> env, List<String> jvmOptions,
                                  String... args) {
        return start(name, logDir, env, List.of(), jvmOptions, args);
    }

    /**
     * Run through {@code launcher} (such as {@code ip netns exec NS}, which execs the JVM in its
     * place, so signals still reach it).
     */
    public static GantryJvm start(String name, Path logDir, Map<String, String> env, List<String> launcher,
                                  List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>(launcher);
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx512m");
        command.add("-XX:+UseSerialGC");
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(args));
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve(name + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(env);
            return new GantryJvm(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGSTOP: the JVM freezes (its child processes do not); {@link #resume()} thaws it. */
    public void pause() {
        signal("STOP");
    }

    /** SIGCONT after {@link #pause()}. */
    public void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            int code = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
            if (code != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " exited with " + code);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL, and wait until it is gone. */
    public void kill9() {
        process.destroyForcibly();
        waitGone(Duration.ofSeconds(10));
    }

    private void waitGone(Duration timeout) {
        try {
            process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** The last lines of its output, for a failing test's message. */
    public String tail() {
        String all = output();
        return "---- " + name + " (" + log + ") ----\n" + all.substring(Math.max(0, all.length() - 4000));
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            signal("CONT"); // a paused JVM would hold its TERM until thawed
            process.destroy();
            waitGone(Duration.ofSeconds(15));
            if (process.isAlive()) {
                kill9();
            }
        }
    }
}
