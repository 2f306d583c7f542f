package org.gantry.ops.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gantry.api.client.GantryClient;
import picocli.CommandLine.Command;

/** {@code gantry login}: checks a URL and token, then keeps them in the profile for later commands. */
@Command(name = "login",
        header = "Save the URL and token the other commands use (checked first).",
        description = {
            "Checks that --url answers and accepts --token (each defaulting to $GANTRY_URL and " +
            "$GANTRY_TOKEN), then saves both to the profile, $XDG_CONFIG_HOME/gantry/config (else " +
            "~/.config/gantry/config), readable by you only. Later commands use it when neither a flag " +
            "nor the environment names a URL or token.",
            ""},
        footer = {"", "Examples:",
            "  gantry login --url http://gantry.example:8080 --token \"$(cat admin.token)\"",
            "  GANTRY_TOKEN=t-… gantry login"},
        mixinStandardHelpOptions = true)
public final class LoginCommand extends ClientCommand {
    @Override
    void run(GantryClient client) throws Exception {
        Profile target = connection.target();
        if (target.token().isEmpty()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "no token to save: pass --token, or set GANTRY_TOKEN");
        }
        JsonNode who = client.whoAmI(); // a refused token fails here, before anything is saved
        String caller = who.path("kind").asText().equals("tenant")
                ? "tenant " + who.path("tenant").asText()
                : "the admin, who sees " + tenantNames(client);
        Path file = Profile.file(System.getenv());
        target.write(file);
        out().println("Logged in to " + target.url().orElseThrow() + " as " + caller + ".");
        out().println("Saved to " + file + " (readable by you only).");
    }

    private static String tenantNames(GantryClient client) {
        List<String> names = new ArrayList<>();
        client.tenants().path("tenants").forEach(tenant -> names.add(tenant.path("name").asText()));
        return names.isEmpty() ? "no tenants yet" : "tenants " + String.join(", ", names);
    }
}
