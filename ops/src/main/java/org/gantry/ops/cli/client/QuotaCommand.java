package org.gantry.ops.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.gantry.api.client.GantryClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code gantry quota [TENANT]}: GET /tenants/{t}/quota, for one tenant or every one the token sees. */
@Command(name = "quota",
        header = "Show a tenant's quota and usage: guaranteed, limit, used, borrowed, pending GPUs.",
        description = {
            "Shows, per pool, the GPUs a tenant is guaranteed, its limit, how many it uses, how many of " +
            "those are borrowed (above the guarantee, preemptible) and how many its pending jobs wait for. " +
            "Without TENANT: the token's own tenant; with the admin's token, every tenant.",
            "",
            "With --json and TENANT: the server's answer; without TENANT: {\"quotas\": [one per tenant]}.",
            ""},
        footer = {"", "Examples:",
            "  gantry quota",
            "  gantry quota vision",
            "  gantry quota set vision default=16:32"},
        subcommands = QuotaSetCommand.class,
        mixinStandardHelpOptions = true)
public final class QuotaCommand extends ClientCommand {
    @Parameters(paramLabel = "TENANT", arity = "0..1", description = "The tenant (default: those the token may see).")
    private String tenant;

    @Override
    void run(GantryClient client) throws Exception {
        List<JsonNode> quotas = new ArrayList<>();
        if (tenant != null) {
            quotas.add(client.quota(tenant));
        } else {
            // GET /tenants lists what the token may see: its own tenant, or all of them for the admin.
            for (JsonNode each : client.tenants().path("tenants")) {
                quotas.add(client.quota(Shown.text(each, "name")));
            }
        }
        if (json) {
            if (tenant != null) {
                printJson(quotas.get(0));
            } else {
                ObjectNode wrapped = mapper().createObjectNode();
                wrapped.putArray("quotas").addAll(quotas);
                printJson(wrapped);
            }
            return;
        }
        if (quotas.isEmpty()) {
            out().println("No tenants.");
            return;
        }
        table(quotas).print(out());
        // Every tenant of an over-committed pool carries the same warning: say it once.
        java.util.Set<String> said = new java.util.LinkedHashSet<>();
        quotas.forEach(quota -> quota.path("warnings").forEach(warning -> said.add(warning.asText())));
        Warnings.print(out(), err(), said.stream().map(text -> (JsonNode) mapper().getNodeFactory().textNode(text))
                .toList());
    }

    /** One row per tenant and pool. */
    static Table table(List<JsonNode> quotas) {
        Table table = new Table("TENANT", "POOL", "GUARANTEED", "LIMIT", "USED", "BORROWED", "PENDING");
        for (JsonNode quota : quotas) {
            Iterator<Map.Entry<String, JsonNode>> pools = quota.path("pools").fields();
            if (!pools.hasNext()) {
                table.row(Shown.text(quota, "tenant"), "-");
            }
            while (pools.hasNext()) {
                Map.Entry<String, JsonNode> pool = pools.next();
                JsonNode standing = pool.getValue();
                table.row(Shown.text(quota, "tenant"), pool.getKey(), standing.path("guaranteed").asInt(),
                        Shown.limit(standing), standing.path("used").asInt(), standing.path("borrowed").asInt(),
                        standing.path("pendingGpus").asInt());
            }
        }
        return table;
    }
}
