package org.gantry.scheduler.sim;

import java.util.Locale;
import org.gantry.api.Names;

/** Trace tenant names made valid Gantry names (lower case, DNS label), the same way every time. */
final class SimNames {
    private SimNames() {}

    static String tenant(String traceTenant) {
        String cleaned = traceTenant.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-")
                .replaceAll("^-+|-+$", "");
        if (cleaned.isEmpty()) {
            cleaned = "tenant";
        }
        if (!Character.isLetterOrDigit(cleaned.charAt(0))) {
            cleaned = "t" + cleaned;
        }
        return cleaned.length() > Names.MAX_LENGTH ? cleaned.substring(0, Names.MAX_LENGTH) : cleaned;
    }
}
