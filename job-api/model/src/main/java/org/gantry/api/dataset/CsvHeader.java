package org.gantry.api.dataset;

import java.util.List;
import java.util.stream.Collectors;

/** A dataset's column names, in file order: distinct and non-blank (the parser checks both). */
public record CsvHeader(List<String> columns) {
    public CsvHeader {
        columns = List.copyOf(columns);
    }

    public int size() {
        return columns.size();
    }

    /** The 0-based index of {@code column}, or -1. */
    public int indexOf(String column) {
        return columns.indexOf(column);
    }

    /**
     * The 0-based index of the target column, refusing (at line 1, the header) a target that is not
     * there or that leaves no column to learn from.
     */
    public int targetIndex(String target) {
        int index = columns.indexOf(target);
        if (index < 0) {
            throw DatasetException.ofLine(1, "no column named " + Shown.quote(target) + " for the target (columns: "
                    + columns.stream().map(Shown::quote).collect(Collectors.joining(", ")) + ")");
        }
        if (columns.size() < 2) {
            throw DatasetException.ofLine(1, "the target " + Shown.quote(target)
                    + " is the only column: there are no features to learn from");
        }
        return index;
    }

    /** Every column but the target, in file order. */
    public List<String> featuresWithout(String target) {
        return columns.stream().filter(c -> !c.equals(target)).toList();
    }
}
