package org.gantry.ops.metrics;

import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;
import static org.apache.pekko.http.javadsl.server.Directives.mapResponse;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Histogram;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Counts every HTTP request the control plane answers by route template and status, and times
 * it to the response head (a followed log stream counts when it starts, not when it ends). The
 * {@code route} label is the method and the template ("GET /api/v1/jobs/{id}"), never the raw path.
 */
public final class HttpMetrics {
    private final RouteTemplates templates = RouteTemplates.standard();
    private final Counter requests;
    private final Histogram durations;

    HttpMetrics(CollectorRegistry registry) {
        requests = Counter.build("gantry_http_requests_total",
                        "HTTP requests answered, by method and route template, and status code.")
                .labelNames("route", "status").register(registry);
        durations = Histogram.build("gantry_http_request_duration_seconds",
                        "From a request's arrival to its response head, by method and route template.")
                .labelNames("route")
                .buckets(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10)
                .register(registry);
    }

    private static final java.util.Set<String> METHODS = java.util.Set.of("GET", "HEAD", "POST", "PUT", "DELETE",
            "PATCH", "OPTIONS");

    /** The standard methods as they are; anything else one value, so the label stays bounded. */
    static String method(String method) {
        return METHODS.contains(method) ? method : "OTHER";
    }

    /** {@code inner} (a sealed tree, so every request gets an answer), counted. */
    public Route around(Supplier<Route> inner) {
        return extractRequest(request -> {
            long started = System.nanoTime();
            String route = method(request.method().value()) + " " + templates.of(request.getUri().path());
            return mapResponse(response -> {
                requests.labels(route, Integer.toString(response.status().intValue())).inc();
                durations.labels(route).observe((System.nanoTime() - started) / 1e9);
                return response;
            }, inner);
        });
    }
}
