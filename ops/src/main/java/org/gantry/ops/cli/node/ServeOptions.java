package org.gantry.ops.cli.node;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of a JVM that serves the REST API and keeps the job records: {@code up} and {@code control}. */
final class ServeOptions {
    @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT",
            description = "HTTP port of the REST API (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST",
            description = "Address to serve on and be reached at (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--data-dir", defaultValue = "./gantry-data", paramLabel = "DIR",
            description = "Where RocksDB, the admin token and job logs live (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    /**
     * Fails at once, before anything is started or written, when --port is taken: found only at
     * bind time, it left a fresh data dir with a token behind and a stack trace in front.
     */
    void requirePortFree() {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true); // a socket in TIME_WAIT from a stopped Gantry is no conflict
            probe.bind(new InetSocketAddress(host, port));
        } catch (BindException e) {
            throw new IllegalStateException("port " + port + " on " + host + " is in use: is another Gantry running? "
                    + "Stop it, or pick another port with --port");
        } catch (IOException e) {
            throw new IllegalStateException("cannot serve on " + host + ":" + port + ": " + e.getMessage()
                    + " (check --host)");
        }
    }
}
