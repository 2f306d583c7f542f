package org.gantry.api.http;

import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.server.Route;
import org.gantry.api.service.Caller;

/**
 * Refuses admin-only operations to tenant tokens at the edge, before a body is read. The
 * services check again; this only makes the answer early and uniform.
 */
final class Access {
    private Access() {}

    static Route adminOnly(Caller caller, String action, Supplier<Route> inner) {
        return caller instanceof Caller.Admin
                ? inner.get()
                : Problems.respond(ProblemType.FORBIDDEN, "only the admin token may " + action);
    }
}
