package org.gantry.api;

/**
 * The one naming rule for tenants, pools, nodes and job names: a DNS label (RFC 1123), so
 * a name is safe in a URL path, a metric label, a file name and a Kubernetes object alike.
 */
public final class Names {
    public static final int MAX_LENGTH = 63;

    private Names() {}

    /** {@code [a-z0-9]([-a-z0-9]*[a-z0-9])?}, checked by hand: it runs several times per request. */
    public static boolean isValid(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH
                || name.charAt(0) == '-' || name.charAt(name.length() - 1) == '-') {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** What a user should do about an invalid name, phrased for an error message. */
    public static String rule() {
        return "lower-case letters, digits and '-', starting and ending with a letter or digit, at most "
                + MAX_LENGTH + " characters";
    }

    public static String require(String name, String what) {
        if (!isValid(name)) {
            throw new IllegalArgumentException(what + " '" + name + "' is invalid: use " + rule());
        }
        return name;
    }
}
