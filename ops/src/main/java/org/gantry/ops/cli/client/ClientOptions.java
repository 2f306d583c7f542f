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

    @Option(names = "--url", paramLabel = "URL", defaultValue = "${env:GANTRY_URL}",
            description = "Default: $GANTRY_URL, else the profile's (gantry login), else " + GantryClient.DEFAULT_URL
                    + " (where Gantry serves).")
    private String url;

    // No ${DEFAULT-VALUE} in the description: help must never print a token.
    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:GANTRY_TOKEN}",
            description = "Default: $GANTRY_TOKEN, else the profile's (gantry login). The bearer token; gantry up "
                    + "writes the admin's to <data-dir>/admin.token.")
    private String token;

    @Option(names = "--cacert", paramLabel = "FILE", defaultValue = "${env:GANTRY_CACERT}",
            description = "Default: $GANTRY_CACERT. PEM certificate(s) to trust for an https URL, such as the "
                    + "authority that signed the server's; else the JVM's default authorities.")
    private java.nio.file.Path cacert;

    /** Where and as whom: a flag, else the environment, else the profile, else the default URL and no token. */
    Profile target() {
        // The profile is read only when a flag or the environment left something unsaid.
        Profile profile = blank(url) || blank(token) ? Profile.read(Profile.file(System.getenv())) : Profile.NONE;
        return new Profile(java.util.Optional.of(!blank(url) ? url : profile.url().orElse(GantryClient.DEFAULT_URL)),
                !blank(token) ? java.util.Optional.of(token) : profile.token());
    }

    GantryClient client() {
        Profile target = target();
        javax.net.ssl.SSLContext tls;
        try {
            tls = cacert == null ? null : TrustedCertificates.from(cacert);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(mixee.commandLine(), e.getMessage());
        }
        try {
            return new GantryClient(target.url().orElseThrow(), target.token().orElse(null), tls);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(mixee.commandLine(), "--url: " + e.getMessage());
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
