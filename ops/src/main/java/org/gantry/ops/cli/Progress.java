package org.gantry.ops.cli;

import java.io.PrintWriter;

/**
 * A progress bar on stderr for long runs. On a terminal it redraws one line; otherwise (CI logs,
 * pipes) it prints a line per quarter, so logs stay readable.
 */
public final class Progress {
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final String label;
    private final boolean terminal;
    private int lastShown = -1;

    public Progress(PrintWriter err, String label) {
        this.err = err;
        this.label = label;
        this.terminal = System.console() != null;
    }

    /** Safe from several threads: load generators report from their HTTP threads. */
    public synchronized void update(double fraction) {
        int percent = (int) Math.floor(Math.max(0, Math.min(1, fraction)) * 100);
        if (terminal) {
            if (percent != lastShown) {
                int filled = percent * WIDTH / 100;
                err.print("\r" + label + " [" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + percent + "%");
                err.flush();
            }
        } else if (percent / 25 != Math.max(0, lastShown) / 25) {
            err.println(label + " " + percent + "%");
            err.flush();
        }
        lastShown = percent;
    }

    public synchronized void done(String summary) {
        if (terminal) {
            err.print("\r" + " ".repeat(label.length() + WIDTH + 8) + "\r");
        }
        err.println(label + ": " + summary);
        err.flush();
    }
}
