package org.gantry.ops.cli.bench;

import java.net.URI;
import org.gantry.ops.bench.ApiLoad;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The running Gantry a load generator talks to: {@code --url} and {@code --token}, mixed into a bench command. */
final class ApiTarget {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--url", paramLabel = "URL", description = "Gantry's address (default: $GANTRY_URL, else http://127.0.0.1:8080).")
    private String url;

    @Option(names = "--token", paramLabel = "TOKEN", description = "Bearer token (default: $GANTRY_TOKEN).")
    private String token;

    URI url() {
        return ApiLoad.url(url);
    }

    /** The address given with {@code --url} or {@code GANTRY_URL}, or null when neither was. */
    URI givenUrl() {
        return url != null || System.getenv("GANTRY_URL") != null ? url() : null;
    }

    /** The token, or a usage error saying where to find one. */
    String token() {
        String bearer = token != null ? token : System.getenv("GANTRY_TOKEN");
        if (bearer == null || bearer.isBlank()) {
            throw new ParameterException(mixee.commandLine(), "no token: pass --token or set GANTRY_TOKEN "
                    + "(gantry up writes the admin's to <data-dir>/admin.token)");
        }
        return bearer.strip();
    }
}
