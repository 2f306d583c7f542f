package org.gantry.ops.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.gantry.api.client.GantryClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code gantry quota set TENANT POOL=G:L…}: PUT /tenants/{t}/quota (admin). */
@Command(name = "set",
        header = "Replace a tenant's quotas (admin).",
        description = {
            "Replaces the tenant's quotas with those given (PUT /api/v1/tenants/{t}/quota with " +
            "{\"quotas\": {POOL: {\"guaranteed\": G, \"limit\": L}}}): pools left out lose their quota. " +
            "Prints the tenant's standing; when the guarantees of a pool add up to more GPUs than it has, a " +
            "warning says so on stderr.",
            ""},
        footer = {"", "Examples:",
            "  gantry quota set vision default=16:32",
            "  gantry quota set nlp default=8:unlimited a100=2"},
        mixinStandardHelpOptions = true)
public final class QuotaSetCommand extends ClientCommand {
    @Parameters(index = "0", paramLabel = "TENANT", description = "The tenant.")
    String tenant;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "POOL=G:L", description = "The quotas: " + QuotaArgs.FORM + ".")
    List<String> quotas;

    @Override
    void run(GantryClient client) throws Exception {
        ObjectNode body = mapper().createObjectNode();
        body.set("quotas", QuotaArgs.quotas(spec.commandLine(), quotas));
        JsonNode standing = client.setQuota(tenant, mapper().writeValueAsString(body));
        if (json) {
            printJson(standing);
        } else {
            QuotaCommand.table(List.of(standing)).print(out());
        }
        Warnings.print(out(), err(), standing.path("warnings"));
    }
}
