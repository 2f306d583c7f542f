package org.gantry.ops.bench;

import java.time.Duration;

/**
 * CPU seconds used during one phase by the server (NaN when the bench did not start it, so
 * cannot see it) and by the bench itself. Unlike latency, CPU time per request hardly changes
 * with the machine's load, so it compares runs on a busy machine.
 */
public record PhaseCpu(double serverSeconds, double benchSeconds) {

    /** What the server and this JVM have used so far; {@code server} null when unknown. */
    static PhaseCpu now(ProcessHandle server) {
        return new PhaseCpu(server == null ? Double.NaN : seconds(server), seconds(ProcessHandle.current()));
    }

    /** Used between {@code before} and this reading. */
    PhaseCpu since(PhaseCpu before) {
        return new PhaseCpu(serverSeconds - before.serverSeconds, benchSeconds - before.benchSeconds);
    }

    /** Milliseconds of server CPU per request, or NaN when unknown or there were none. */
    static double serverMsPerRequest(double serverSeconds, int requests) {
        return requests > 0 ? serverSeconds * 1000 / requests : Double.NaN;
    }

    private static double seconds(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).map(nanos -> nanos / 1e9).orElse(Double.NaN);
    }
}
