package org.gantry.ops.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Names a request path by the route template it matches ({@code /api/v1/jobs/{id}/logs}), so
 * the HTTP metrics' {@code route} label has a fixed, small set of values whatever the paths
 * clients send: a job id or a mistyped path never becomes a label. Paths that match no template
 * are {@value #OTHER}.
 */
public final class RouteTemplates {
    static final String OTHER = "other";

    /** Every route the control plane serves (DESIGN's REST list, the ones being built included). */
    static final List<String> TEMPLATES = List.of(
            "/", "/healthz", "/readyz", "/metrics",
            "/api/v1/jobs", "/api/v1/jobs/{id}", "/api/v1/jobs/{id}/logs", "/api/v1/jobs/{id}/events",
            "/api/v1/jobs/{id}/explain", "/api/v1/queue",
            "/api/v1/tenants", "/api/v1/tenants/{tenant}/quota", "/api/v1/tenants/{tenant}/usage",
            "/api/v1/tenants/{tenant}/tokens", "/api/v1/tenants/{tenant}/tokens/{id}",
            "/api/v1/admin/tokens", "/api/v1/admin/tokens/{id}",
            "/api/v1/nodes", "/api/v1/nodes/{node}/cordon", "/api/v1/nodes/{node}/drain",
            "/api/v1/nodes/{node}/uncordon",
            "/api/v1/pools", "/api/v1/pools/{pool}/demand",
            "/api/v1/models", "/api/v1/models/{name}", "/api/v1/models/{name}/versions",
            "/api/v1/models/{name}/predict",
            "/api/v1/datasets", "/api/v1/datasets/{name}",
            "/api/v1/audit", "/api/v1/whoami", "/api/v1/openapi.yaml", "/api/docs",
            "/dashboard/{file}", "/dashboard/uplot/{file}");

    private record Template(String name, String[] segments, int literals) {}

    private final List<Template> templates;

    RouteTemplates(List<String> names) {
        List<Template> parsed = new ArrayList<>();
        for (String name : names) {
            String[] segments = segments(name);
            int literals = 0;
            for (String segment : segments) {
                literals += segment.startsWith("{") ? 0 : 1;
            }
            parsed.add(new Template(name, segments, literals));
        }
        // Literal segments win over variables: /api/v1/openapi.yaml before a variable at that place.
        parsed.sort(Comparator.comparingInt(Template::literals).reversed());
        templates = List.copyOf(parsed);
    }

    public static RouteTemplates standard() {
        return new RouteTemplates(TEMPLATES);
    }

    /** The template {@code path} matches, or {@value #OTHER}. */
    public String of(String path) {
        String[] segments = segments(path);
        for (Template template : templates) {
            if (matches(template.segments(), segments)) {
                return template.name();
            }
        }
        return OTHER;
    }

    private static boolean matches(String[] template, String[] path) {
        if (template.length != path.length) {
            return false;
        }
        for (int i = 0; i < template.length; i++) {
            if (!template[i].startsWith("{") && !template[i].equals(path[i])) {
                return false;
            }
            if (template[i].startsWith("{") && path[i].isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static String[] segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }
}
