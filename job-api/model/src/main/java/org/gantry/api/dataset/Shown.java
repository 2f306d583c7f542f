package org.gantry.api.dataset;

/**
 * How messages show what a file held: quoted, clipped, and with control characters escaped, so a
 * refusal that echoes a cell stays one short, printable line whatever the file contained.
 */
final class Shown {
    private static final int SHOWN = 40;

    private Shown() {}

    static String quote(String value) {
        String clipped = value.length() <= SHOWN ? value : value.substring(0, SHOWN) + "…";
        StringBuilder out = new StringBuilder(clipped.length() + 2).append('\'');
        clipped.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append('\'').toString();
    }
}
