package org.gantry.api.http;

import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.parameterMap;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathEnd;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.post;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.pekko.http.javadsl.server.Route;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.service.Caller;
import org.gantry.api.service.ClusterService;
import org.gantry.api.service.ClusterService.NodeAction;
import org.gantry.api.service.NodeSummary;
import org.gantry.api.service.PoolSummary;

/** {@code /nodes…} and {@code /pools}: the fleet, and the operator's cordon, drain and uncordon. */
final class ClusterRoutes {
    private final ClusterService cluster;

    ClusterRoutes(ClusterService cluster) {
        this.cluster = cluster;
    }

    Route route(Caller caller) {
        return concat(
                pathPrefix("nodes", () -> concat(
                        pathEnd(() -> get(() -> onSuccess(cluster.nodes(caller),
                                nodes -> JsonMarshalling.ok(new Nodes(nodes))))),
                        pathPrefix(segment(), name -> PathIds.node(name, node -> actions(caller, node))))),
                pathPrefix("pools", () -> concat(
                        pathEnd(() -> get(() -> onSuccess(cluster.pools(caller),
                                pools -> JsonMarshalling.ok(new Pools(pools))))),
                        pathPrefix(segment(), name -> PathIds.pool(name, pool -> path("demand", () -> get(() ->
                                parameterMap(params -> QueryParams.with(DemandParams.read(params), ProblemType.INVALID,
                                        query -> onSuccess(cluster.demand(caller, pool, query),
                                                JsonMarshalling::ok))))))))));
    }

    /** One path per {@link NodeAction}, named after it in lower case: {@code POST /nodes/gpu-1/drain}. */
    private Route actions(Caller caller, NodeId node) {
        List<Route> routes = Arrays.stream(NodeAction.values())
                .map(action -> path(action.name().toLowerCase(Locale.ROOT), () -> post(() ->
                        Access.adminOnly(caller, action.name().toLowerCase(Locale.ROOT) + " nodes", () ->
                                onSuccess(cluster.act(caller, node, action), JsonMarshalling::ok)))))
                .toList();
        return concat(routes.get(0), routes.subList(1, routes.size()).toArray(Route[]::new));
    }

    /** {@code GET /nodes}. */
    record Nodes(List<NodeSummary> nodes) {}

    /** {@code GET /pools}. */
    record Pools(List<PoolSummary> pools) {}
}
