package org.gantry.api.http;

import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;

import java.util.Objects;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.gantry.api.service.ClusterService;
import org.gantry.api.service.DatasetService;
import org.gantry.api.service.JobService;
import org.gantry.api.service.LogService;
import org.gantry.api.service.ModelService;
import org.gantry.api.service.TenantService;
import org.gantry.api.service.TokenAuthenticator;

/**
 * The whole REST tree: {@code /healthz}, {@code /readyz}, the API's description
 * ({@code /api/v1/openapi.yaml}, {@code /api/docs}), and everything else under {@code /api/v1}
 * behind a bearer token. The tree is sealed: every error, the unknown path and the wrong method
 * included, is answered as {@code application/problem+json}.
 *
 * <p>Bind it with {@code Http.get(system).newServerAt(host, port).bind(routes.route())}.
 */
public final class GantryRoutes {
    private final BearerAuth auth;
    private final JobRoutes jobs;
    private final TenantRoutes tenants;
    private final ClusterRoutes cluster;
    private final ModelRoutes models;
    private final DatasetRoutes datasets;
    private final WhoAmIRoutes whoAmI;
    private final HealthRoutes health;
    private final ApiDocsRoutes docs;

    public GantryRoutes(JobService jobs, TenantService tenants, ClusterService cluster, LogService logs,
                        ModelService models, DatasetService datasets, TokenAuthenticator authenticator) {
        Objects.requireNonNull(jobs, "jobs");
        Objects.requireNonNull(tenants, "tenants");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(logs, "logs");
        Objects.requireNonNull(models, "models");
        Objects.requireNonNull(datasets, "datasets");
        this.auth = new BearerAuth(authenticator);
        this.jobs = new JobRoutes(jobs, logs);
        this.tenants = new TenantRoutes(tenants);
        this.cluster = new ClusterRoutes(cluster);
        this.models = new ModelRoutes(models);
        this.datasets = new DatasetRoutes(datasets);
        this.whoAmI = new WhoAmIRoutes();
        this.health = new HealthRoutes(cluster);
        this.docs = new ApiDocsRoutes();
    }

    /** The sealed tree. */
    public Route route() {
        return route(new Route[0]);
    }

    /**
     * The sealed tree with {@code extra} routes (for instance {@code /metrics} and the dashboard)
     * tried after the API's, inside the same seal, so their errors are problems too. A sealed
     * route answers everything, so nothing can be appended after it: add routes here instead.
     */
    public Route route(Route... extra) {
        Route api = pathPrefix(PathMatchers.segment("api").slash("v1"), () -> auth.authenticated(caller -> concat(
                jobs.route(caller),
                tenants.route(caller),
                cluster.route(caller),
                models.route(caller),
                datasets.route(caller),
                whoAmI.route(caller))));
        // The description comes before the API's authentication: it is read without a token.
        Route[] rest = new Route[extra.length + 2];
        rest[0] = docs.route();
        rest[1] = api;
        System.arraycopy(extra, 0, rest, 2, extra.length);
        return ProblemHandlers.seal(concat(health.route(), rest));
    }
}
