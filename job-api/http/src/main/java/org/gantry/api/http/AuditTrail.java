package org.gantry.api.http;

import static org.apache.pekko.http.javadsl.server.Directives.extractLog;
import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;
import static org.apache.pekko.http.javadsl.server.Directives.mapRouteResultWith;

import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.server.Complete;
import org.apache.pekko.http.javadsl.server.Route;
import org.gantry.api.service.AuditEntry;
import org.gantry.api.service.AuditService;
import org.gantry.api.service.Authentication;
import org.gantry.api.service.Caller;
import org.gantry.api.tenant.TenantId;
import org.gantry.api.tenant.TokenRole;

/**
 * Keeps admin and destructive actions in the audit log, once answered, and answers only once the
 * entry is durable (an action the client saw done is in the log). What counts is
 * {@link #records}: every change the admin makes, every DELETE, and every token issued or
 * revoked. Reads and a tenant's submissions are not kept: they are the bulk of the traffic and
 * the job's own events record the latter.
 */
final class AuditTrail {
    private final AuditService audit;
    private final Function<String, String> templates;

    /** @param templates names a path by its route template ({@code /api/v1/jobs/{id}}) */
    AuditTrail(AuditService audit, Function<String, String> templates) {
        this.audit = audit;
        this.templates = templates;
    }

    Route around(Authentication.Known who, Supplier<Route> inner) {
        return extractRequest(request -> {
            String method = request.method().value().toUpperCase(Locale.ROOT);
            String path = request.getUri().path();
            String route = templates.apply(path);
            if (!records(who.caller(), method, route)) {
                return inner.get();
            }
            // Sealed here, so a refusal or a failure is an answer with a status to keep too.
            return extractLog(log -> mapRouteResultWith(result -> {
                if (!(result instanceof Complete complete)) {
                    return CompletableFuture.completedFuture(result);
                }
                AuditEntry entry = new AuditEntry(Instant.now(), who.tokenId(), role(who.caller()),
                        tenant(who.caller()), method, route, path, complete.getResponse().status().intValue());
                return audit.record(entry).handle((done, failure) -> {
                    if (failure != null) {
                        log.error(failure, "could not keep an audit entry for {} {}", method, route);
                    }
                    return result;
                });
            }, () -> ProblemHandlers.seal(inner.get())));
        });
    }

    /** Whether an action is kept: any change by the admin, any DELETE, any token issued or revoked. */
    static boolean records(Caller caller, String method, String route) {
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
            return false;
        }
        return caller instanceof Caller.Admin || method.equals("DELETE") || route.contains("/tokens");
    }

    static TokenRole role(Caller caller) {
        if (caller instanceof Caller.Tenant tenant) {
            return tenant.readOnly() ? TokenRole.READER : TokenRole.TENANT;
        }
        return TokenRole.ADMIN;
    }

    private static TenantId tenant(Caller caller) {
        return caller instanceof Caller.Tenant tenant ? tenant.tenant() : null;
    }
}
