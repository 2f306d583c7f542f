package org.gantry.api;

import java.util.regex.Pattern;

/**
 * The one naming rule for tenants, pools, nodes and job names: a DNS label (RFC 1123), so
 * a name is safe in a URL path, a metric label, a file name and a Kubernetes object alike.
 */
public final class Names {
    public static final int MAX_LENGTH = 63;
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private Names() {}

    public static boolean isValid(String name) {
        return name != null && name.length() <= MAX_LENGTH && DNS_LABEL.matcher(name).matches();
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
