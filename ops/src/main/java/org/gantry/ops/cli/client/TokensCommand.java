package org.gantry.ops.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import org.gantry.api.client.GantryClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code gantry tokens --tenant T | --admin}: GET /tenants/{t}/tokens or /admin/tokens. */
@Command(name = "tokens",
        header = "List a tenant's or the admin's bearer tokens (never their secrets).",
        description = {
            "Lists the tokens of a tenant (GET /api/v1/tenants/{t}/tokens) or the admin tokens (GET " +
            "/api/v1/admin/tokens): id, name, role, when each was made and when it expires or was revoked. " +
            "Gantry keeps only a hash of each token, so no listing can show a secret. The admin sees every " +
            "tenant's tokens; a tenant's token sees its own tenant's. The bootstrap admin token " +
            "(GANTRY_ADMIN_TOKEN or admin.token in the data dir) is not listed.",
            ""},
        footer = {"", "Examples:",
            "  gantry tokens --tenant vision",
            "  gantry tokens create --tenant vision --name ci --expires-in P30D",
            "  gantry tokens revoke --tenant vision tk_0a1b2c3d4e5f",
            "  gantry tokens --admin"},
        subcommands = {TokensCreateCommand.class, TokensRevokeCommand.class},
        mixinStandardHelpOptions = true)
public final class TokensCommand extends ClientCommand {
    @Mixin
    TokenHolder holder;

    @Override
    void run(GantryClient client) throws Exception {
        JsonNode answer = client.tokens(holder.tenant(spec.commandLine()));
        if (json) {
            printJson(answer);
            return;
        }
        if (answer.path("tokens").isEmpty()) {
            out().println("No tokens.");
            return;
        }
        Table table = new Table("ID", "NAME", "ROLE", "CREATED", "EXPIRES", "STATUS");
        for (JsonNode token : answer.path("tokens")) {
            table.row(Shown.text(token, "id"), Shown.text(token, "name"), Shown.text(token, "role"),
                    Shown.time(token, "created"), Shown.time(token, "expires"), status(token));
        }
        table.print(out());
    }

    /** {@code active}, {@code revoked} or {@code expired}, as the server's clock would say now. */
    static String status(JsonNode token) {
        if (token.hasNonNull("revoked")) {
            return "revoked";
        }
        String expires = Shown.text(token, "expires");
        return !expires.isEmpty() && java.time.Instant.parse(expires).isBefore(java.time.Instant.now())
                ? "expired" : "active";
    }
}
