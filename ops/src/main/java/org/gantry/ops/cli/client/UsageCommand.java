package org.gantry.ops.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gantry.api.client.GantryClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gantry usage}: GET /tenants/{t}/usage, as a table of GPU-hours per pool and step. */
@Command(name = "usage",
        header = "Show GPU-hours used per tenant and pool over time: within the guarantee and borrowed.",
        description = {
            "Shows the GPU-hours a tenant's jobs held (GET /api/v1/tenants/{t}/usage), per pool and per step: " +
            "USED = GUARANTEED (within the tenant's guarantee) + BORROWED (above it, preemptible). Steps in " +
            "which nothing ran show 0.00; a TOTAL row ends each pool. Times are UTC. Without --tenant: the " +
            "token's own tenant; with the admin's token, every tenant.",
            "",
            "Usage is written every few seconds (gantry.usage.flush-interval), so the last seconds may not " +
            "show yet. Time the control plane was down is not counted.",
            ""},
        footer = {"", "Examples:",
            "  gantry usage",
            "  gantry usage --tenant vision --from 7d --step 1d",
            "  gantry usage --from 2026-01-01T00:00:00Z --to 2026-02-01T00:00:00Z --step 1d -o json"},
        mixinStandardHelpOptions = true)
public final class UsageCommand extends ClientCommand {
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    @Option(names = "--tenant", paramLabel = "TENANT", description = "Whose usage (default: those the token may see).")
    String tenant;

    @Option(names = "--from", paramLabel = "WHEN", defaultValue = "24h",
            description = "Start: an age (24h, 7d) or an ISO-8601 instant (default: ${DEFAULT-VALUE}).")
    String from;

    @Option(names = "--to", paramLabel = "WHEN",
            description = "End: an age or an ISO-8601 instant (default: now).")
    String to;

    @Option(names = "--step", paramLabel = "STEP", defaultValue = "1h",
            description = "Step: whole minutes, such as 15m, 1h, 1d (default: ${DEFAULT-VALUE}).")
    String step;

    @Override
    void run(GantryClient client) throws Exception {
        List<JsonNode> usages = new ArrayList<>();
        if (tenant != null) {
            usages.add(client.usage(tenant, from, to, step));
        } else {
            for (JsonNode each : client.tenants().path("tenants")) {
                usages.add(client.usage(Shown.text(each, "name"), from, to, step));
            }
        }
        if (json) {
            if (tenant != null) {
                printJson(usages.get(0));
            } else {
                ObjectNode wrapped = mapper().createObjectNode();
                wrapped.putArray("usage").addAll(usages);
                printJson(wrapped);
            }
            return;
        }
        if (usages.isEmpty()) {
            out().println("No tenants.");
            return;
        }
        Table table = new Table("TENANT", "POOL", "FROM (UTC)", "USED", "GUARANTEED", "BORROWED");
        int shown = 0;
        for (JsonNode usage : usages) {
            for (JsonNode pool : usage.path("pools")) {
                String name = Shown.text(usage, "tenant");
                String poolName = Shown.text(pool, "pool");
                for (JsonNode step : pool.path("steps")) {
                    table.row(name, poolName, SHOWN.format(Instant.parse(step.path("start").asText())),
                            hours(step, "usedGpuHours"), hours(step, "guaranteedGpuHours"),
                            hours(step, "borrowedGpuHours"));
                }
                table.row(name, poolName, "TOTAL", hours(pool, "usedGpuHours"), hours(pool, "guaranteedGpuHours"),
                        hours(pool, "borrowedGpuHours"));
                shown++;
            }
        }
        if (shown == 0) {
            JsonNode first = usages.get(0);
            out().println("No GPU-hours from " + Shown.text(first, "from") + " to " + Shown.text(first, "to") + ".");
            return;
        }
        out().println("GPU-hours, " + Shown.text(usages.get(0), "from") + " to " + Shown.text(usages.get(0), "to")
                + " in steps of " + Shown.text(usages.get(0), "step") + ":");
        table.print(out());
    }

    private static String hours(JsonNode node, String field) {
        return String.format(Locale.ROOT, "%.2f", node.path(field).asDouble());
    }
}
