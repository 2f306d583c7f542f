package org.gantry.agent.gpu;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.gantry.agent.gpu.SmiOutcome.Answered;
import org.gantry.agent.gpu.SmiOutcome.Failed;
import org.gantry.api.cluster.GpuDevice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's real GPUs, as {@code nvidia-smi} lists them ({@code --gpus auto}). It is run once
 * when the inventory starts, then every {@code interval} on a thread of its own, each run
 * killed past {@code timeout}; {@link #read} answers the latest reading at once, so the agent's
 * actor never waits for a process. {@link GpuHealth} decides which GPUs are withheld and why.
 * Close it to stop the re-reads.
 */
public final class NvidiaSmiGpus implements GpuInventory, AutoCloseable {
    public static final String COMMAND = "nvidia-smi";
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(NvidiaSmiGpus.class);

    private final Path executable;
    private final Duration timeout;
    private final GpuHealth health = new GpuHealth();
    private final ScheduledExecutorService prober;
    /** Written by the prober thread only, read by anyone: one reference swapped whole. */
    private volatile Reading latest;

    private NvidiaSmiGpus(Path executable, Duration timeout) {
        this.executable = executable;
        this.timeout = timeout;
        this.prober = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "gantry-nvidia-smi");
            thread.setDaemon(true); // never what keeps a JVM alive
            return thread;
        });
    }

    /** Where {@code nvidia-smi} is on {@code path} (a PATH value), as a shell would find it. */
    public static Optional<Path> locate(String path) {
        for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path file = Path.of(dir).resolve(COMMAND);
            if (Files.isRegularFile(file) && Files.isExecutable(file)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    /** Reads the GPUs once now, then every {@code interval}. */
    public static NvidiaSmiGpus start(Path executable, Duration interval, Duration timeout) {
        Objects.requireNonNull(executable, "executable");
        requirePositive(interval, "the GPU re-read interval");
        requirePositive(timeout, "the nvidia-smi timeout");
        NvidiaSmiGpus gpus = new NvidiaSmiGpus(executable, timeout);
        gpus.probe();
        long millis = interval.toMillis();
        gpus.prober.scheduleWithFixedDelay(gpus::probe, millis, millis, TimeUnit.MILLISECONDS);
        return gpus;
    }

    @Override
    public Reading read() {
        return latest;
    }

    @Override
    public void close() {
        prober.shutdownNow();
    }

    /** One run, folded into the reading. A failure here must not end the re-reads: it is a reading too. */
    private void probe() {
        Reading next;
        try {
            next = health.update(run());
        } catch (RuntimeException e) {
            next = health.update(new Failed("reading nvidia-smi failed: " + e));
        }
        logChange(latest, next);
        latest = next;
    }

    private SmiOutcome run() {
        Path output;
        try {
            output = Files.createTempFile("gantry-nvidia-smi", ".out");
        } catch (IOException e) {
            return new Failed("could not make a file for nvidia-smi's output: " + e.getMessage());
        }
        try {
            return run(output);
        } finally {
            try {
                Files.deleteIfExists(output);
            } catch (IOException e) {
                log.debug("could not delete {}: {}", output, e.getMessage());
            }
        }
    }

    /**
     * Output goes to a file of this run's own, not a pipe: a hung nvidia-smi (or a child it left
     * behind) can block neither this read nor a later one.
     */
    private SmiOutcome run(Path output) {
        Process process;
        try {
            process = new ProcessBuilder(executable.toString(), SmiLine.QUERY, SmiLine.FORMAT)
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        } catch (IOException e) {
            return new Failed("could not run " + executable + ": " + e.getMessage());
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return new Failed("nvidia-smi did not answer within " + timeout.toMillis() + " ms");
            }
            return new Answered(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Failed("interrupted while reading nvidia-smi");
        } catch (IOException e) {
            return new Failed("could not read nvidia-smi's output: " + e.getMessage());
        }
    }

    /** Logs when a GPU's health or the reading's problem changes, not on every read. */
    private static void logChange(Reading before, Reading now) {
        if (now.problem() != null && (before == null || !now.problem().equals(before.problem()))) {
            log.warn("GPUs withheld: {}", now.problem());
        }
        List<String> seen = before == null ? List.of() : before.devices().stream().map(NvidiaSmiGpus::health).toList();
        for (GpuDevice device : now.devices()) {
            if (!seen.contains(health(device))) {
                if (device.healthy()) {
                    log.info("GPU {} ({}, {}) healthy", device.index(), device.model(), device.uuid());
                } else {
                    log.warn("GPU {} ({}) withheld: {}", device.index(), device.uuid(), device.reason());
                }
            }
        }
    }

    private static String health(GpuDevice device) {
        return device.index() + "/" + device.uuid() + "/" + device.healthy() + "/" + device.reason();
    }

    private static void requirePositive(Duration duration, String what) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + duration);
        }
    }
}
