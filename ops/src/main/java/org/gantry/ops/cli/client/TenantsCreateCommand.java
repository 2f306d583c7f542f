package org.gantry.ops.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.gantry.api.client.GantryClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gantry tenants create NAME --quota POOL=G:L}: POST /tenants (admin). */
@Command(name = "create",
        header = "Create a tenant with its quotas and print its token (shown once).",
        description = {
            "Creates a tenant (POST /api/v1/tenants, admin only) with a quota per pool: GUARANTEED GPUs it " +
            "always gets (reclaiming them from borrowers if need be) and a LIMIT it may borrow up to while " +
            "GPUs are idle. Prints the tenant's bearer token: it is shown only this once. When the guarantees " +
            "of a pool add up to more GPUs than it has, a warning says so on stderr.",
            ""},
        footer = {"", "Examples:",
            "  gantry tenants create vision --quota default=16:32",
            "  gantry tenants create nlp --quota default=8:unlimited --quota a100=2"},
        mixinStandardHelpOptions = true)
public final class TenantsCreateCommand extends ClientCommand {
    @Parameters(paramLabel = "NAME", description = "The tenant's name (a DNS label: lower case, digits, '-').")
    String name;

    @Option(names = "--quota", paramLabel = "POOL=G:L", description = "A quota: " + QuotaArgs.FORM + ". Repeatable.")
    List<String> quotas = new ArrayList<>();

    @Override
    void run(GantryClient client) throws Exception {
        ObjectNode body = mapper().createObjectNode();
        body.put("name", name);
        body.set("quotas", QuotaArgs.quotas(spec.commandLine(), quotas));
        JsonNode created = client.createTenant(mapper().writeValueAsString(body));
        if (json) {
            printJson(created);
        } else {
            out().println("Created tenant " + Shown.text(created.path("tenant"), "name") + ".");
            out().println("Its token (shown only now; export GANTRY_TOKEN=... to act as it):");
            out().println(Shown.text(created, "token"));
        }
        Warnings.print(out(), err(), created.path("warnings"));
    }
}
