package org.gantry.api.protocol;

import java.util.Objects;

/**
 * A ready replica of a {@code djl-serve} attempt: where the control plane sends predictions,
 * and the bearer token that replica demands (made by its agent, never shown to users).
 *
 * @param replica the replica's index within its attempt, from 0
 * @param url     the replica's predict address, {@code http://host:port/predict}
 * @param version the model version it serves
 */
public record ServingEndpoint(int replica, String url, String token, int version) {
    public ServingEndpoint {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(token, "token");
    }

    /** The token stays out of logs. */
    @Override
    public String toString() {
        return "ServingEndpoint[replica=" + replica + ", url=" + url + ", version=" + version + "]";
    }
}
