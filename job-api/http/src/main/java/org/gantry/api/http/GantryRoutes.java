package org.gantry.api.http;

import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.optionalHeaderValueByName;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.gantry.api.service.ApiServices;
import org.gantry.api.service.Authentication;
import org.gantry.api.service.Caller;

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
    private final TokenRoutes tokens;
    private final AuditRoutes auditLog;
    private final AuditTrail trail;
    private final ClusterRoutes cluster;
    private final ModelRoutes models;
    private final DatasetRoutes datasets;
    private final WhoAmIRoutes whoAmI;
    private final HealthRoutes health;
    private final ApiDocsRoutes docs;
    private final CallerRateLimiter limiter;
    private final ChangesInFlight admission;
    /**
     * The API's tree for each caller seen, built once: building it per request (every group's
     * directives, most never reached) was a twentieth of a submit's allocation. A tree depends on
     * the caller's value alone, and callers are few (one per token's role and tenant).
     */
    private final Map<Caller, Route> treeOfCaller = new ConcurrentHashMap<>();
    /** More distinct callers than this and the trees are dropped and built again as asked. */
    static final int MAX_TREES_KEPT = 4_096;

    /** The routes over {@code services}, with the audit templates and rate limit of {@code options}. */
    public GantryRoutes(ApiServices services, RouteOptions options) {
        Objects.requireNonNull(services, "services");
        Objects.requireNonNull(options, "options");
        this.auth = new BearerAuth(services.authenticator());
        this.jobs = new JobRoutes(services.jobs(), services.logs());
        this.tokens = new TokenRoutes(services.tokens());
        this.tenants = new TenantRoutes(services.tenants(), this.tokens);
        this.auditLog = new AuditRoutes(services.audit());
        this.trail = new AuditTrail(services.audit(), options.templates());
        this.cluster = new ClusterRoutes(services.cluster());
        this.models = new ModelRoutes(services.models());
        this.datasets = new DatasetRoutes(services.datasets());
        this.whoAmI = new WhoAmIRoutes();
        this.health = new HealthRoutes(services.cluster());
        this.docs = new ApiDocsRoutes();
        this.limiter = new CallerRateLimiter(options.changes());
        this.admission = new ChangesInFlight(options.maxChangesInFlight());
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
        // A change over the bound in flight, or by a token over its rate, is refused before the token is checked:
        // a refusal asks no actor (see ChangesInFlight, CallerRateLimiter).
        Route api = pathPrefix(PathMatchers.segment("api").slash("v1"), () -> admission.admitting(() ->
                optionalHeaderValueByName("Authorization", header -> limiter.refusingEarly(header.orElse(null),
                        tokenHash -> auth.authenticated(who -> {
                            limiter.remember(tokenHash, who);
                            return authenticatedApi(who);
                        })))));
        // The description comes before the API's authentication: it is read without a token.
        Route[] rest = new Route[extra.length + 2];
        rest[0] = docs.route();
        rest[1] = api;
        System.arraycopy(extra, 0, rest, 2, extra.length);
        return ProblemHandlers.seal(concat(health.route(), rest));
    }

    private Route authenticatedApi(Authentication.Known who) {
        Route tree = treeOf(who.caller());
        return trail.around(who, () -> limiter.limited(who, () -> tree));
    }

    /** The caller's tree, built on first use; only the audit trail and rate limit are per token. */
    Route treeOf(Caller caller) {
        Route tree = treeOfCaller.get(caller);
        if (tree != null) {
            return tree;
        }
        if (treeOfCaller.size() >= MAX_TREES_KEPT) {
            treeOfCaller.clear();
        }
        return treeOfCaller.computeIfAbsent(caller, this::buildTree);
    }

    private Route buildTree(Caller caller) {
        return Access.readOnlyReads(caller, () -> concat(
                jobs.route(caller),
                tenants.route(caller),
                tokens.adminTokens(caller),
                auditLog.route(caller),
                cluster.route(caller),
                models.route(caller),
                datasets.route(caller),
                whoAmI.route(caller)));
    }
}
