package org.gantry.ops.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import org.gantry.api.client.GantryClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gantry audit}: GET /audit (admin). */
@Command(name = "audit",
        header = "Show the audit log, newest first (admin).",
        description = {
            "Shows who did what and how it ended (GET /api/v1/audit, admin only): every change made with an " +
            "admin token, every DELETE, and every token issued or revoked, with the token's id (bootstrap " +
            "for the admin token of the environment), its role and tenant, the method and route, and the " +
            "status answered. No secret is ever in it.",
            ""},
        footer = {"", "Examples:",
            "  gantry audit",
            "  gantry audit --tenant vision --from 24h",
            "  gantry audit --from 2026-01-01T00:00:00Z --to 2026-01-02T00:00:00Z --limit 1000"},
        mixinStandardHelpOptions = true)
public final class AuditCommand extends ClientCommand {
    @Option(names = "--tenant", paramLabel = "TENANT", description = "Only what this tenant's tokens did.")
    String tenant;

    @Option(names = "--from", paramLabel = "TIME", description = "From this ISO-8601 instant or age (24h, 7d).")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Until this ISO-8601 instant or age.")
    String to;

    @Option(names = "--limit", paramLabel = "N", description = "At most N entries (1 to 1000; default 100).")
    Integer limit;

    @Override
    void run(GantryClient client) throws Exception {
        JsonNode page = client.audit(tenant, from, to, limit, null);
        if (json) {
            printJson(page);
            return;
        }
        if (page.path("entries").isEmpty()) {
            out().println("No audit entries.");
            return;
        }
        Table table = new Table("AT", "TOKEN", "ROLE", "TENANT", "ACTION", "STATUS");
        for (JsonNode entry : page.path("entries")) {
            table.row(Shown.time(entry, "at"), Shown.text(entry, "tokenId"), Shown.text(entry, "role"),
                    Shown.text(entry, "tenant"), Shown.text(entry, "method") + " " + Shown.text(entry, "target"),
                    Shown.text(entry, "status"));
        }
        table.print(out());
        if (page.hasNonNull("nextCursor")) {
            err().println("More entries are older: narrow with --from/--to, or use --json and the API's cursor.");
        }
    }
}
