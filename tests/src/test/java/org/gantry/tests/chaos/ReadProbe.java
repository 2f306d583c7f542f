package org.gantry.tests.chaos;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.gantry.tests.support.Api;

/**
 * Reads one job every 50 ms for a while, as a tenant would while a flood loads the control
 * plane: how long the reads took is what the flood did to everyone else. A read that got no
 * answer counts as the slowest there is.
 */
final class ReadProbe {
    private final List<Long> sortedMillis;

    private ReadProbe(List<Long> sortedMillis) {
        this.sortedMillis = sortedMillis;
    }

    /** Reads {@code job} for {@code length}; {@code eachSecond} runs between reads about once a second. */
    static ReadProbe read(Api admin, String job, Duration length, Runnable eachSecond) throws InterruptedException {
        List<Long> millis = new ArrayList<>();
        long end = System.nanoTime() + length.toNanos();
        long nextSecond = 0;
        while (System.nanoTime() < end) {
            long sent = System.nanoTime();
            try {
                if (admin.get("/api/v1/jobs/" + job).status() == 200) {
                    millis.add((System.nanoTime() - sent) / 1_000_000);
                }
            } catch (UncheckedIOException unanswered) {
                millis.add(Long.MAX_VALUE);
            }
            if (System.nanoTime() >= nextSecond) {
                eachSecond.run();
                nextSecond = System.nanoTime() + 1_000_000_000L;
            }
            Thread.sleep(50);
        }
        return new ReadProbe(millis.stream().sorted().toList());
    }

    int reads() {
        return sortedMillis.size();
    }

    /** The {@code percent}th percentile of the reads' times in ms; unbounded when none was answered. */
    long percentile(int percent) {
        return sortedMillis.isEmpty() ? Long.MAX_VALUE : Percentile.of(sortedMillis, percent);
    }

    long worst() {
        return percentile(100);
    }
}
