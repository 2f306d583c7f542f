package org.gantry.ops.cli.client;

import java.io.PrintWriter;
import org.gantry.api.client.GantryClientException;
import org.gantry.api.validation.Violation;
import picocli.CommandLine;

/** Prints a refusal the way every client command does: {@code gantry CMD: title: detail}, then each violation. */
public final class ClientFailure {
    private ClientFailure() {}

    /** Prints {@code refused} on the command's stderr; returns the exit code, 1. */
    public static int print(CommandLine command, GantryClientException refused) {
        PrintWriter err = command.getErr();
        String message = refused.getMessage();
        err.println("gantry " + command.getCommandName() + ": " + message);
        for (Violation error : refused.errors()) {
            if (!(refused.errors().size() == 1 && message.contains(error.message()))) { // said once is enough
                err.println("  " + error.path() + ": " + error.message());
            }
        }
        if (refused.status() == 401) {
            err.println("  (pass --token or set GANTRY_TOKEN; gantry up writes the admin's to <data-dir>/admin.token)");
        }
        err.flush();
        return 1;
    }
}
