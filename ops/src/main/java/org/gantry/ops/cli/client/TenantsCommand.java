package org.gantry.ops.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.gantry.api.client.GantryClient;
import picocli.CommandLine.Command;

/** {@code gantry tenants}: GET /tenants. */
@Command(name = "tenants",
        header = "List the tenants this token may see, with their quotas.",
        description = {
            "Lists tenants and their quota per pool (GET /api/v1/tenants): every tenant for the admin's " +
            "token, its own for a tenant's. For usage, see gantry quota.",
            ""},
        footer = {"", "Examples:",
            "  gantry tenants",
            "  gantry tenants create vision --quota default=16:32"},
        subcommands = TenantsCreateCommand.class,
        mixinStandardHelpOptions = true)
public final class TenantsCommand extends ClientCommand {
    @Override
    void run(GantryClient client) throws Exception {
        JsonNode answer = client.tenants();
        if (json) {
            printJson(answer);
            return;
        }
        if (answer.path("tenants").isEmpty()) {
            out().println("No tenants.");
            return;
        }
        Table table = new Table("TENANT", "QUOTAS (POOL: GUARANTEED/LIMIT)");
        for (JsonNode tenant : answer.path("tenants")) {
            List<String> quotas = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> pools = tenant.path("quotas").fields();
            while (pools.hasNext()) {
                Map.Entry<String, JsonNode> pool = pools.next();
                quotas.add(pool.getKey() + ": " + pool.getValue().path("guaranteed").asInt() + "/"
                        + Shown.limit(pool.getValue()));
            }
            table.row(Shown.text(tenant, "name"), quotas.isEmpty() ? "none" : String.join(", ", quotas));
        }
        table.print(out());
    }
}
