package org.gantry.api.http;

import static org.apache.pekko.http.javadsl.server.Directives.extractMethod;

import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.server.Route;
import org.gantry.api.service.Caller;

/**
 * Who may do what, decided at the edge before a body is read: admin-only operations refused to
 * tenant tokens, and anything but reading refused to read-only tokens. The services check
 * again; this only makes the answer early and uniform.
 */
final class Access {
    private Access() {}

    static Route adminOnly(Caller caller, String action, Supplier<Route> inner) {
        return caller instanceof Caller.Admin
                ? inner.get()
                : Problems.respond(ProblemType.FORBIDDEN, "only the admin token may " + action);
    }

    /** A read-only token may GET (and HEAD) only. */
    static Route readOnlyReads(Caller caller, Supplier<Route> inner) {
        if (caller.mayChange()) {
            return inner.get();
        }
        return extractMethod(method -> method.equals(HttpMethods.GET) || method.equals(HttpMethods.HEAD)
                ? inner.get()
                : Problems.respond(ProblemType.FORBIDDEN, "this token is read-only (role reader): it may only read; "
                        + "use a token of role tenant to change anything"));
    }
}
