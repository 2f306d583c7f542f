package org.gantry.api.http;

import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.parameterMap;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathEnd;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.post;
import static org.apache.pekko.http.javadsl.server.Directives.put;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.server.Route;
import org.gantry.api.json.TenantSpecReader;
import org.gantry.api.service.Caller;
import org.gantry.api.service.TenantService;
import org.gantry.api.tenant.TenantId;
import org.gantry.api.tenant.TenantSpec;
import org.gantry.api.validation.ReadResult;
import org.gantry.api.validation.Violation;

/**
 * {@code /tenants…}: creating tenants and setting quotas is for the admin; a tenant may read its
 * own quota; tokens are {@link TokenRoutes}'.
 */
final class TenantRoutes {
    private final TenantService tenants;
    private final TokenRoutes tokens;

    TenantRoutes(TenantService tenants, TokenRoutes tokens) {
        this.tenants = tenants;
        this.tokens = tokens;
    }

    Route route(Caller caller) {
        return pathPrefix("tenants", () -> concat(
                pathEnd(() -> concat(
                        post(() -> Access.adminOnly(caller, "create tenants", () -> create(caller))),
                        get(() -> onSuccess(tenants.list(caller), list -> JsonMarshalling.ok(new Tenants(list)))))),
                pathPrefix(segment(), name -> PathIds.tenant(name, tenant -> concat(
                        path("quota", () -> concat(
                                get(() -> readQuota(caller, tenant)),
                                put(() -> Access.adminOnly(caller, "set quotas", () -> setQuota(caller, tenant))))),
                        path("usage", () -> get(() -> readUsage(caller, tenant))),
                        tokens.tenantTokens(caller, tenant))))));
    }

    /** Bad {@code from}, {@code to} or {@code step}: 422, naming each. Another tenant's usage: 404, as for jobs. */
    private Route readUsage(Caller caller, TenantId tenant) {
        return parameterMap(params -> QueryParams.with(UsageParams.read(params, Instant.now()), ProblemType.INVALID,
                query -> onSuccess(tenants.usage(caller, tenant, query), JsonMarshalling::ok)));
    }

    private Route create(Caller caller) {
        return JsonBody.tree(body -> valid(TenantSpecReader.read(body), "the tenant",
                spec -> onSuccess(tenants.create(caller, spec), JsonMarshalling::created)));
    }

    private Route readQuota(Caller caller, TenantId tenant) {
        if (!caller.mayActFor(tenant)) {
            return Problems.respond(ProblemType.FORBIDDEN,
                    "this token may not read the quota of tenant '" + tenant.value() + "'");
        }
        return onSuccess(tenants.quota(caller, tenant), JsonMarshalling::ok);
    }

    /**
     * The body is {@code {"quotas": {...}}}, the tenant body without its name: read through the
     * tenant reader with the path's name filled in, so both bodies obey the same rules.
     */
    private Route setQuota(Caller caller, TenantId tenant) {
        return JsonBody.tree(body -> {
            List<Violation> extra = new ArrayList<>();
            JsonNode named = body;
            if (body instanceof ObjectNode object) {
                ObjectNode withName = object.deepCopy();
                JsonNode name = withName.get("name");
                if (name != null && !name.isNull() && !(name.isTextual() && name.textValue().equals(tenant.value()))) {
                    extra.add(new Violation("$.name", "must be left out or match the tenant in the path, '"
                            + tenant.value() + "'"));
                }
                if (withName.get("quotas") == null || withName.get("quotas").isNull()) {
                    extra.add(new Violation("$.quotas", "is required, like {\"default\": {\"guaranteed\": 16, "
                            + "\"limit\": 32}}"));
                }
                withName.put("name", tenant.value());
                named = withName;
            }
            ReadResult<TenantSpec> read = TenantSpecReader.read(named);
            if (!extra.isEmpty()) {
                List<Violation> all = new ArrayList<>(extra);
                all.addAll(read.violations());
                read = new ReadResult.Invalid<>(all);
            }
            return valid(read, "the quota", spec -> onSuccess(tenants.setQuota(caller, tenant, spec.quotas()),
                    JsonMarshalling::ok));
        });
    }

    private static <T> Route valid(ReadResult<T> result, String what, Function<T, Route> inner) {
        if (result instanceof ReadResult.Ok<T> ok) {
            return inner.apply(ok.value());
        }
        return Problems.respond(ProblemType.INVALID, Problems.countOf(result.violations(), what),
                result.violations());
    }

    /** {@code GET /tenants}. */
    record Tenants(List<TenantSpec> tenants) {}
}
