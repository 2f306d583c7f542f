package org.gantry.ops.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import org.gantry.api.client.GantryClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code gantry tokens revoke --tenant T | --admin ID}: DELETE …/tokens/{id}. */
@Command(name = "revoke",
        header = "Revoke a bearer token: refused from the next request on.",
        description = {
            "Revokes a token by its id, as gantry tokens lists it (DELETE /api/v1/tenants/{t}/tokens/{id} or " +
            "/api/v1/admin/tokens/{id}). Every request with it is refused (401, saying it was revoked) from " +
            "then on. The bootstrap admin token cannot be revoked: change GANTRY_ADMIN_TOKEN and restart.",
            ""},
        footer = {"", "Examples:",
            "  gantry tokens revoke --tenant vision tk_0a1b2c3d4e5f",
            "  gantry tokens revoke --admin tk_9f8e7d6c5b4a"},
        mixinStandardHelpOptions = true)
public final class TokensRevokeCommand extends ClientCommand {
    @Mixin
    TokenHolder holder;

    @Parameters(paramLabel = "ID", description = "The token's id (tk_...), never its secret.")
    String id;

    @Override
    void run(GantryClient client) throws Exception {
        JsonNode revoked = client.revokeToken(holder.tenant(spec.commandLine()), id);
        if (json) {
            printJson(revoked);
        } else {
            out().println("Revoked token " + Shown.text(revoked, "id") + " at " + Shown.time(revoked, "revoked") + ".");
        }
    }
}
