package org.gantry.api.http;

import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.parameterMap;
import static org.apache.pekko.http.javadsl.server.Directives.path;

import java.time.Instant;
import org.apache.pekko.http.javadsl.server.Route;
import org.gantry.api.service.AuditService;
import org.gantry.api.service.Caller;

/** {@code GET /audit}: the audit log, newest first, for the admin only. */
final class AuditRoutes {
    private final AuditService audit;

    AuditRoutes(AuditService audit) {
        this.audit = audit;
    }

    Route route(Caller caller) {
        return path("audit", () -> get(() -> Access.adminOnly(caller, "read the audit log",
                () -> parameterMap(params -> QueryParams.with(QueryParams.auditQuery(params, Instant.now()),
                        query -> onSuccess(audit.read(caller, query), JsonMarshalling::ok))))));
    }
}
