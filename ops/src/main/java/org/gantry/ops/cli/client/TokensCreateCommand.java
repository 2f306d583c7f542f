package org.gantry.ops.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gantry.api.client.GantryClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gantry tokens create --tenant T | --admin}: POST …/tokens. */
@Command(name = "create",
        header = "Issue a bearer token and print its secret (shown once).",
        description = {
            "Issues a token for a tenant (POST /api/v1/tenants/{t}/tokens: by the admin, or by one of the " +
            "tenant's own tokens, so a tenant rotates its tokens itself) or an admin token (POST " +
            "/api/v1/admin/tokens, admin only). Prints the secret: it is shown only this once, and Gantry " +
            "keeps only its hash. Give each token a name saying where it is used and an expiry, then " +
            "revoke the old one with gantry tokens revoke.",
            ""},
        footer = {"", "Examples:",
            "  gantry tokens create --tenant vision --name ci --expires-in P30D",
            "  gantry tokens create --tenant vision --name dashboard --read-only",
            "  gantry tokens create --admin --name oncall --expires-in P7D"},
        mixinStandardHelpOptions = true)
public final class TokensCreateCommand extends ClientCommand {
    @Mixin
    TokenHolder holder;

    @Option(names = "--name", paramLabel = "NAME", description = "What the token is for, such as ci.")
    String name;

    @Option(names = "--expires-in", paramLabel = "DURATION",
            description = "How long it works: ISO-8601 (P30D, PT12H) or seconds; at most a year. Default: "
                    + "it never expires.")
    String expiresIn;

    @Option(names = "--read-only", description = "A tenant's token that may only read (role reader).")
    boolean readOnly;

    @Override
    void run(GantryClient client) throws Exception {
        ObjectNode body = mapper().createObjectNode();
        if (name != null) {
            body.put("name", name);
        }
        if (expiresIn != null) {
            body.put("expiresIn", expiresIn);
        }
        if (readOnly) {
            body.put("role", "reader");
        }
        JsonNode issued = client.issueToken(holder.tenant(spec.commandLine()), mapper().writeValueAsString(body));
        if (json) {
            printJson(issued);
            return;
        }
        String expires = Shown.time(issued, "expires");
        out().println("Issued token " + Shown.text(issued, "id") + " (" + Shown.text(issued, "role")
                + (expires.isEmpty() ? ", never expires" : ", expires " + expires) + ").");
        out().println("Its secret (shown only now; export GANTRY_TOKEN=... to use it):");
        out().println(Shown.text(issued, "token"));
    }
}
