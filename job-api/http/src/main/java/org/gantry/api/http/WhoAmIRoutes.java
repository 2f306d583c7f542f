package org.gantry.api.http;

import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.path;

import org.apache.pekko.http.javadsl.server.Route;
import org.gantry.api.service.Caller;
import org.gantry.api.tenant.TenantId;

/**
 * {@code GET /whoami}: who the bearer token says the caller is, so a client (the dashboard,
 * {@code gantry login}) can tell the admin from a tenant without trying something it may not do.
 */
final class WhoAmIRoutes {

    Route route(Caller caller) {
        return path("whoami", () -> get(() -> JsonMarshalling.ok(WhoAmI.of(caller))));
    }

    /**
     * @param kind     {@code admin} or {@code tenant}
     * @param tenant   the tenant a tenant token acts for, else null
     * @param readOnly true for a reader token, which may only read; else null (omitted)
     */
    record WhoAmI(String kind, TenantId tenant, Boolean readOnly) {
        static WhoAmI of(Caller caller) {
            return caller instanceof Caller.Tenant own ? new WhoAmI("tenant", own.tenant(), own.readOnly() ? true : null)
                    : new WhoAmI("admin", null, null);
        }
    }
}
