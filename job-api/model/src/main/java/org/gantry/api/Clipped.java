package org.gantry.api;

/**
 * Text cut to a length, saying how much was cut: for words that cross the cluster or reach the
 * journal (exit messages, failure reasons), whose size someone else's output decides. The result
 * never exceeds the length, so clipping again changes nothing (a record clipped in its
 * constructor reads back equal).
 */
public final class Clipped {
    private Clipped() {}

    /** {@code text} when it has at most {@code max} characters, else its start and a note of what was left out. */
    public static String text(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        // The note is sized for the whole text's count, which the cut part's never exceeds.
        int noteLength = "… ( more characters)".length() + String.valueOf(text.length()).length();
        int keep = max - noteLength;
        if (keep < 1) {
            return start(text, max - 1) + "…";
        }
        String start = start(text, keep);
        return start + "… (" + (text.length() - start.length()) + " more characters)";
    }

    /** The first {@code length} characters, one fewer when that would split a surrogate pair. */
    private static String start(String text, int length) {
        int cut = length > 0 && Character.isHighSurrogate(text.charAt(length - 1)) ? length - 1 : length;
        return text.substring(0, cut);
    }
}
