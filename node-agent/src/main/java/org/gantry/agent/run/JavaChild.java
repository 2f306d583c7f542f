package org.gantry.agent.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How the agent starts one of the gantry jar's own entry points as a child process (the DJL
 * trainer, a serving replica): this JVM's {@code java}, this JVM's class path, a small heap of
 * its own. A native crash or an out-of-memory then ends the child, never the agent.
 *
 * @param java      the {@code java} executable
 * @param classPath what the child loads its classes from: the agent's own class path
 * @param options   JVM options for every child
 */
public record JavaChild(Path java, String classPath, List<String> options) {
    /** Enough for a tabular dataset in memory; DJL's tensors live outside the heap. */
    static final List<String> DEFAULT_OPTIONS = List.of("-Xmx1g", "-XX:+UseSerialGC");

    public JavaChild {
        options = List.copyOf(options);
    }

    /** The JVM running this agent, with its class path. */
    public static JavaChild ofThisJvm() {
        return new JavaChild(Path.of(System.getProperty("java.home"), "bin", "java"),
                System.getProperty("java.class.path"), DEFAULT_OPTIONS);
    }

    /** {@code java OPTIONS -cp CLASSPATH MAIN ARGS...}. */
    public List<String> command(String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(options);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }
}
