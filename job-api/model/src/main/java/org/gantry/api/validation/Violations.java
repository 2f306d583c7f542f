package org.gantry.api.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Collects the violations of one read, so a reader can keep going after a problem and report
 * them all at once. It keeps the first {@link #MAX_REPORTED} and counts the rest: a hostile
 * body with a million bad fields must not make a million-line answer. One per read; not shared.
 */
public final class Violations {
    public static final int MAX_REPORTED = 100;

    private final List<Violation> found = new ArrayList<>();
    private int suppressed;

    public void add(String path, String message) {
        if (found.size() < MAX_REPORTED) {
            found.add(new Violation(path, message));
        } else {
            suppressed++;
        }
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    /** How many were found, those left out included. */
    public int count() {
        return found.size() + suppressed;
    }

    /** Everything found, with one closing entry at {@code $} for what was left out. */
    public List<Violation> list() {
        if (suppressed == 0) {
            return List.copyOf(found);
        }
        List<Violation> all = new ArrayList<>(found);
        all.add(new Violation("$", suppressed + " more problems not shown"));
        return List.copyOf(all);
    }

    /** The built value when nothing was found, else the violations; {@code build} runs only on success. */
    public <T> ReadResult<T> result(Supplier<T> build) {
        return isEmpty() ? new ReadResult.Ok<>(build.get()) : new ReadResult.Invalid<>(list());
    }
}
