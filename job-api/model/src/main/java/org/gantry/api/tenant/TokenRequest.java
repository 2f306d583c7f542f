package org.gantry.api.tenant;

import java.time.Duration;

/**
 * What a new bearer token is asked to be: {@code {"name": "ci", "expiresIn": "P30D", "role": "reader"}}.
 *
 * @param name what the token is for ({@code ci}), or null
 * @param expiresIn how long it works (at most a year), or null for ever
 * @param role {@link TokenRole#TENANT} or {@link TokenRole#READER} for a tenant's token; {@link TokenRole#ADMIN} for the admin's
 */
public record TokenRequest(String name, Duration expiresIn, TokenRole role) {
    /** The longest a name may be. */
    public static final int MAX_NAME = 64;
}
