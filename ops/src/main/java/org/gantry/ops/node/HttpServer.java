package org.gantry.ops.node;

import java.net.BindException;
import java.util.concurrent.CompletionException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.ConnectionContext;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.Route;
import org.gantry.api.http.GantryRoutes;
import org.gantry.api.http.RateLimit;
import org.gantry.api.http.RouteOptions;
import org.gantry.api.service.ApiServices;
import org.gantry.ops.dashboard.DashboardRoute;
import org.gantry.ops.metrics.GantryMetrics;
import org.gantry.ops.metrics.MetricsRoute;
import org.gantry.ops.metrics.RouteTemplates;

/** Serves the REST API, {@code /metrics} and the dashboard at {@code /} over HTTP or HTTPS, every request counted. */
public final class HttpServer {
    private HttpServer() {}

    /** Binds plain HTTP, waiting for the port; a port in use fails with a message that says what to do. */
    public static ServerBinding start(ActorSystem<?> system, ApiServices services, GantryMetrics metrics,
                                      String host, int port) {
        return start(system, services, metrics, host, port, null);
    }

    /** As {@link #start(ActorSystem, ApiServices, GantryMetrics, String, int)}, over HTTPS when {@code tls} is given. */
    public static ServerBinding start(ActorSystem<?> system, ApiServices services, GantryMetrics metrics,
                                      String host, int port, TlsKeystore tls) {
        var api = system.settings().config().getConfig("gantry.api");
        GantryRoutes routes = new GantryRoutes(services, new RouteOptions(RouteTemplates.standard()::of,
                new RateLimit(api.getDouble("rate-limit.per-second"), api.getInt("rate-limit.burst")),
                api.getInt("max-changes-in-flight")));
        // Built once: the supplier below runs per request, and the dashboard reads its page at build.
        Route all = routes.route(MetricsRoute.of(metrics), DashboardRoute.of());
        Route counted = metrics.http().around(() -> all);
        try {
            var server = Http.get(system).newServerAt(host, port);
            if (tls != null) {
                server = server.enableHttps(ConnectionContext.httpsServer(tls.serverContext()));
            }
            return server.bind(counted).toCompletableFuture().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof BindException || String.valueOf(e.getCause()).contains("Bind")) {
                throw new IllegalStateException("cannot serve HTTP on " + host + ":" + port + " ("
                        + e.getCause().getMessage() + "); is another Gantry running? Pick another with --port", e);
            }
            throw e;
        }
    }
}
