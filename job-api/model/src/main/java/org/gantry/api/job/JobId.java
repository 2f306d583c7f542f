package org.gantry.api.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/** A job's identity: assigned by the control plane at submit, or taken from a trace by the simulator. */
public record JobId(@JsonValue String value) implements Comparable<JobId> {
    public static final int MAX_LENGTH = 128;
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][-_.A-Za-z0-9]*");

    public JobId {
        if (value == null || value.length() > MAX_LENGTH || !SAFE.matcher(value).matches()) {
            throw new IllegalArgumentException("job id '" + value + "' is invalid: use letters, digits, '-', '_' "
                    + "and '.', starting with a letter or digit, at most " + MAX_LENGTH + " characters");
        }
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
