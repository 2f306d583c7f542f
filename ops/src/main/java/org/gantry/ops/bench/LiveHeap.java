package org.gantry.ops.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live heap of another JVM: {@code jcmd PID GC.class_histogram} collects fully before it
 * counts, so its total is what survives a GC. The histogram is kept, to see what the bytes are.
 */
final class LiveHeap {
    private static final Pattern TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");

    private LiveHeap() {}

    /** Live bytes of {@code pid}; the histogram is written to {@code histogram}. */
    static long of(long pid, Path histogram) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "GC.class_histogram")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        Files.writeString(histogram, output);
        Matcher total = TOTAL.matcher(output);
        if (!total.find()) {
            throw new IllegalStateException("jcmd gave no class histogram for process " + pid + ": " + output.strip());
        }
        return Long.parseLong(total.group(1));
    }
}
