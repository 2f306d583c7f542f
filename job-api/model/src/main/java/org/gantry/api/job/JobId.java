package org.gantry.api.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A job's identity: assigned by the control plane at submit, or taken from a trace by the simulator. */
public record JobId(@JsonValue String value) implements Comparable<JobId> {
    public static final int MAX_LENGTH = 128;

    public JobId {
        if (value == null || value.length() > MAX_LENGTH || !isSafe(value)) {
            throw new IllegalArgumentException("job id '" + value + "' is invalid: use letters, digits, '-', '_' "
                    + "and '.', starting with a letter or digit, at most " + MAX_LENGTH + " characters");
        }
    }

    /** {@code [A-Za-z0-9][-_.A-Za-z0-9]*}, by hand: every message naming a job makes one. */
    private static boolean isSafe(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean alphanumeric = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
            if (!alphanumeric && (i == 0 || c != '-' && c != '_' && c != '.')) {
                return false;
            }
        }
        return true;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING) // one string, whatever a mapper prefers
    public static JobId of(String value) {
        return new JobId(value);
    }

    @Override
    public int compareTo(JobId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
