package org.gantry.api.dataset;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one line into its cells: comma separated, a cell optionally in double quotes with
 * {@code ""} for a quote inside. Unquoted cells are trimmed (so {@code 1, 2} reads as two numbers);
 * quoted cells keep their content as written.
 */
final class CsvLine {
    private CsvLine() {}

    /** The cells of {@code line} (1-based {@code lineNumber} for messages), or why it is not CSV. */
    static List<String> split(String line, long lineNumber) {
        List<String> cells = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (true) {
            int start = i;
            while (i < n && line.charAt(i) == ' ') {
                i++;
            }
            if (i < n && line.charAt(i) == '"') {
                StringBuilder cell = new StringBuilder();
                i++;
                while (true) {
                    if (i >= n) {
                        throw new DatasetException(lineNumber, cells.size() + 1, null,
                                "a quoted value is not closed on this line (values may not span lines)");
                    }
                    char c = line.charAt(i++);
                    if (c != '"') {
                        cell.append(c);
                    } else if (i < n && line.charAt(i) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        break;
                    }
                }
                while (i < n && line.charAt(i) == ' ') {
                    i++;
                }
                if (i < n && line.charAt(i) != ',') {
                    throw new DatasetException(lineNumber, cells.size() + 1, null,
                            "unexpected " + Shown.quote(String.valueOf(line.charAt(i)))
                                    + " after a closing quote (expected a comma or the end of the line)");
                }
                cells.add(cell.toString());
            } else {
                int end = line.indexOf(',', i);
                if (end < 0) {
                    end = n;
                }
                String cell = line.substring(start, end).trim();
                if (cell.indexOf('"') >= 0) {
                    throw new DatasetException(lineNumber, cells.size() + 1, null,
                            "a quote inside an unquoted value " + Shown.quote(cell)
                                    + " (quote the whole value and double the quotes inside)");
                }
                cells.add(cell);
                i = end;
            }
            if (i >= n) {
                return cells;
            }
            i++; // the comma
        }
    }
}
