package org.gantry.djl;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Rows a model cannot predict from, with every problem found: a missing, unknown or non-numeric
 * feature, named with its row. The message lists them (the first {@value #SHOWN}), ready for a 422.
 */
public final class PredictionInputException extends IllegalArgumentException {
    static final int SHOWN = 20;
    private final transient List<Problem> problems;

    PredictionInputException(List<Problem> problems, int total) {
        super(describe(problems, total));
        this.problems = List.copyOf(problems);
    }

    /** The problems found, at most {@value #SHOWN}. */
    public List<Problem> problems() {
        return problems;
    }

    /**
     * One problem: the 0-based row of the request, the feature, and what is wrong with it.
     */
    public record Problem(int row, String feature, String message) {
        @Override
        public String toString() {
            return "rows[" + row + "]." + feature + ": " + message;
        }
    }

    private static String describe(List<Problem> problems, int total) {
        String shown = problems.stream().map(Problem::toString).collect(Collectors.joining("; "));
        return total > problems.size() ? shown + "; and " + (total - problems.size()) + " more" : shown;
    }
}
