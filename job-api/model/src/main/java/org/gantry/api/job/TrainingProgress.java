package org.gantry.api.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Optional;
import org.gantry.api.json.GantryJson;

/**
 * One finished epoch of a {@code djl-train} job, as the job's {@code progress} shows it. Errors are
 * in the target's own units. The trainer prints one {@link #toLine() line} per epoch on stdout and
 * the agent, reading the child's output, picks those lines out with {@link #fromLine}.
 *
 * @param epoch the 1-based epoch just finished; a resumed run continues the count
 */
public record TrainingProgress(int epoch, int epochs, double trainLoss, double validationMse, double validationMae) {
    /** What starts a progress line on the trainer's stdout; the rest of the line is this record in JSON. */
    public static final String PREFIX = "GANTRY_PROGRESS ";

    public TrainingProgress {
        if (epoch < 1 || epochs < 1 || epoch > epochs) {
            throw new IllegalArgumentException("epoch must be in [1, " + epochs + "], got " + epoch);
        }
        requireFinite("trainLoss", trainLoss);
        requireFinite("validationMse", validationMse);
        requireFinite("validationMae", validationMae);
    }

    /** The line the trainer prints: {@code GANTRY_PROGRESS {"epoch":3,"epochs":100,...}}. */
    public String toLine() {
        try {
            return PREFIX + GantryJson.mapper().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a progress record always serialises", e);
        }
    }

    /**
     * The progress a line carries: empty for any other output line; an
     * {@link IllegalArgumentException} saying what is wrong for a line with the prefix and a
     * broken body (a job's own output may look like one).
     */
    public static Optional<TrainingProgress> fromLine(String line) {
        if (!line.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String body = line.substring(PREFIX.length()).strip();
        try {
            return Optional.of(GantryJson.mapper().readValue(body, TrainingProgress.class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a progress line with a malformed body: " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a progress line with invalid values: " + e.getMessage(), e);
        }
    }

    private static void requireFinite(String name, double value) {
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException(name + " must be a finite non-negative number, got " + value);
        }
    }
}
