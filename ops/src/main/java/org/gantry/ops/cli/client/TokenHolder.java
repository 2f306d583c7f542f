package org.gantry.ops.cli.client;

import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Whose tokens a {@code gantry tokens} command means: one tenant's, or the admin's. */
final class TokenHolder {
    // Optional to picocli, checked in tenant(): a required group of "gantry tokens" would be asked
    // of "gantry tokens create" too.
    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Choice choice;

    static final class Choice {
        @Option(names = "--tenant", paramLabel = "TENANT", description = "A tenant's tokens.")
        String tenant;

        @Option(names = "--admin", description = "The admin tokens (admin only).")
        boolean admin;
    }

    /** The tenant, or null for the admin's tokens; neither named is a usage error that says what to add. */
    String tenant(CommandLine command) {
        if (choice == null) {
            throw new CommandLine.ParameterException(command, "say whose tokens: --tenant TENANT for a tenant's, "
                    + "or --admin for the admin tokens");
        }
        return choice.admin ? null : choice.tenant;
    }
}
