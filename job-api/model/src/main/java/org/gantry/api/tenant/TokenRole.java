package org.gantry.api.tenant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a bearer token may do. Written in lower case in JSON ({@code "role": "reader"}). */
public enum TokenRole {
    /** Everything, for every tenant: only admin tokens have it. */
    ADMIN,
    /** All its tenant may do. */
    TENANT,
    /** Read its tenant's jobs, logs, models, datasets, quota and usage; change nothing. */
    READER;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role of a label ({@code reader}), any case; null when it names none. */
    @JsonCreator
    public static TokenRole of(String label) {
        for (TokenRole role : values()) {
            if (role.name().equalsIgnoreCase(label)) {
                return role;
            }
        }
        return null;
    }
}
