package org.gantry.ops.tls;

import java.util.Arrays;
import java.util.List;

/**
 * A node to issue a certificate for, as {@code gantry certs} takes it: {@code NAME@HOST[,HOST…]}
 * (without {@code @HOST}, the name is also its host name). The name becomes a folder, so it is
 * kept to letters, digits, dots, dashes and underscores.
 */
public record NodeRequest(String name, String role, List<String> hosts) {
    public NodeRequest {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
            throw new IllegalArgumentException("node name '" + name + "' must be letters, digits, '.', '-' or '_' "
                    + "(at most 63, not starting with a dot or dash)");
        }
        hosts = List.copyOf(hosts);
        for (String host : hosts) {
            if (!host.matches("[A-Za-z0-9.:*-]+")) {
                throw new IllegalArgumentException("host '" + host + "' of node " + name
                        + " is not a host name or IP address");
            }
        }
    }

    /** {@code NAME@HOST,HOST} or {@code NAME}. */
    public static NodeRequest parse(String text, String role) {
        int at = text.indexOf('@');
        if (at < 0) {
            return new NodeRequest(text, role, List.of(text));
        }
        List<String> hosts = Arrays.stream(text.substring(at + 1).split(",")).map(String::strip)
                .filter(host -> !host.isEmpty()).toList();
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' names no host after '@' (NAME@HOST, e.g. gpu-1@10.0.0.7)");
        }
        return new NodeRequest(text.substring(0, at), role, hosts);
    }
}
