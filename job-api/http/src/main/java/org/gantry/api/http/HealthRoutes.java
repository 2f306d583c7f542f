package org.gantry.api.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.path;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.gantry.api.service.ClusterService;

/**
 * {@code /healthz} (the process answers) and {@code /readyz} (it can take requests). No auth:
 * load balancers and orchestrators probe them without tokens.
 */
final class HealthRoutes {
    private final ClusterService cluster;

    HealthRoutes(ClusterService cluster) {
        this.cluster = cluster;
    }

    Route route() {
        return concat(
                path("healthz", () -> get(() -> complete(JsonMarshalling.response(StatusCodes.OK, new Status("ok"))))),
                path("readyz", () -> get(() -> onSuccess(ready(), ready -> ready
                        ? complete(JsonMarshalling.response(StatusCodes.OK, new Status("ready")))
                        : Problems.respond(ProblemType.UNAVAILABLE, "the control plane is not ready yet")))));
    }

    /** A readiness check that fails means not ready, not a 500: the probe's answer is the same. */
    private CompletionStage<Boolean> ready() {
        try {
            return cluster.ready().handle((ready, error) -> error == null && Boolean.TRUE.equals(ready));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(false);
        }
    }

    record Status(String status) {}
}
