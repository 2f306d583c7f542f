package org.gantry.ops.metrics;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.path;

import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /metrics} in the Prometheus text format, without a token like {@code /healthz}: it
 * carries counts by state, tenant, pool and node, never a job id, a token or a secret.
 */
public final class MetricsRoute {
    private MetricsRoute() {}

    public static Route of(GantryMetrics metrics) {
        return path("metrics", () -> get(() -> complete(HttpResponse.create()
                .withEntity(HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8, metrics.scrape())))));
    }
}
