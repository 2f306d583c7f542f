package org.gantry.ops.cli.bench;

import java.util.List;
import java.util.Locale;
import org.gantry.scheduler.bench.PassSample;

/** {@code gantry bench scheduler --breakdown}: the slowest passes, one line each, with their stage times. */
final class SlowPassesTable {
    private SlowPassesTable() {}

    static String render(List<PassSample> passes) {
        var out = new StringBuilder(String.format(Locale.ROOT, "%n  Slowest passes by CPU time (ms; room = shrink/reclaim/preempt, "
                + "reserve = the blocking rule, walk = the rest: snapshot, admit, place, explain):%n"));
        out.append(String.format(Locale.ROOT, "  %5s %7s %7s %6s %9s %5s %5s %6s %13s %13s %13s %7s %7s%n", "pass", "wall",
                "cpu", "gc", "alloc KiB", "start", "preem", "expl", "room (calls)", "canAct (calls)", "reserve (calls)",
                "grow", "walk"));
        for (PassSample p : passes) {
            long staged = p.roomNanos() + p.canActNanos() + p.blockingNanos() + p.growNanos();
            out.append(String.format(Locale.ROOT, "  %5d %7.3f %7.3f %6.1f %9.1f %5d %5d %6d %7.3f (%3d) %7.3f (%4d) "
                            + "%7.3f (%4d) %7.3f %7.3f%n", p.pass(), ms(p.wallNanos()), ms(p.cpuNanos()),
                    ms(p.gcNanos()), p.allocatedBytes() / 1024.0, p.placements(), p.preemptions(), p.explained(), ms(p.roomNanos()),
                    p.roomCalls(), ms(p.canActNanos()), p.canActCalls(), ms(p.blockingNanos()), p.blockingCalls(),
                    ms(p.growNanos()), ms(p.wallNanos() - staged)));
        }
        return out.toString();
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
