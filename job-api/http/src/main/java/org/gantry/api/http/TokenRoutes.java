package org.gantry.api.http;

import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.delete;
import static org.apache.pekko.http.javadsl.server.Directives.extractRequestEntity;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathEnd;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.post;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import java.util.List;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.server.Route;
import org.gantry.api.json.GantryJson;
import org.gantry.api.json.TokenRequestReader;
import org.gantry.api.service.Caller;
import org.gantry.api.service.TokenInfo;
import org.gantry.api.service.TokenService;
import org.gantry.api.tenant.TenantId;
import org.gantry.api.validation.ReadResult;

/**
 * {@code /tenants/{t}/tokens…} and {@code /admin/tokens…}: issue (the secret in that answer
 * only), list, revoke. Who may do what is the service's to say (another tenant's tokens are not
 * found); admin tokens are refused to tenants here already.
 */
final class TokenRoutes {
    private final TokenService tokens;

    TokenRoutes(TokenService tokens) {
        this.tokens = tokens;
    }

    /** Under {@code /tenants/{tenant}}. */
    Route tenantTokens(Caller caller, TenantId tenant) {
        return pathPrefix("tokens", () -> routes(caller, tenant));
    }

    /** {@code /admin/tokens…}. */
    Route adminTokens(Caller caller) {
        return pathPrefix("admin", () -> pathPrefix("tokens",
                () -> Access.adminOnly(caller, "manage admin tokens", () -> routes(caller, null))));
    }

    private Route routes(Caller caller, TenantId tenant) {
        return concat(
                pathEnd(() -> concat(
                        post(() -> issue(caller, tenant)),
                        get(() -> onSuccess(tokens.list(caller, tenant), list -> JsonMarshalling.ok(new Tokens(list)))))),
                path(segment(), id -> delete(() -> onSuccess(tokens.revoke(caller, tenant, id), JsonMarshalling::ok))));
    }

    private Route issue(Caller caller, TenantId tenant) {
        return optionalBody(body -> {
            var read = TokenRequestReader.read(body, tenant == null);
            if (read instanceof ReadResult.Ok<org.gantry.api.tenant.TokenRequest> ok) {
                return onSuccess(tokens.issue(caller, tenant, ok.value()), JsonMarshalling::created);
            }
            return Problems.respond(ProblemType.INVALID, Problems.countOf(read.violations(), "the token request"),
                    read.violations());
        });
    }

    /** Every field of a token request is optional, so no body at all means {@code {}}. */
    private static Route optionalBody(Function<com.fasterxml.jackson.databind.JsonNode, Route> inner) {
        return extractRequestEntity(entity -> entity.isKnownEmpty()
                ? inner.apply(GantryJson.mapper().createObjectNode())
                : JsonBody.tree(inner));
    }

    /** {@code GET …/tokens}. */
    record Tokens(List<TokenInfo> tokens) {}
}
