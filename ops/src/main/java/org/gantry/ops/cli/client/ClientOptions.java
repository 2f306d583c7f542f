package org.gantry.ops.cli.client;

import org.gantry.api.client.GantryClient;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Where Gantry is and who is asking: {@code --url} and {@code --token}, defaulting to the environment. */
final class ClientOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--url", paramLabel = "URL", defaultValue = "${env:GANTRY_URL:-" + GantryClient.DEFAULT_URL + "}",
            description = "Default: $GANTRY_URL, else " + GantryClient.DEFAULT_URL + " (where Gantry serves).")
    private String url;

    // No ${DEFAULT-VALUE} in the description: help must never print a token.
    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:GANTRY_TOKEN}",
            description = "Default: $GANTRY_TOKEN. The bearer token; gantry up writes the admin's to "
                    + "<data-dir>/admin.token.")
    private String token;

    GantryClient client() {
        try {
            return new GantryClient(url, token);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(mixee.commandLine(), "--url: " + e.getMessage());
        }
    }
}
