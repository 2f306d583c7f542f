package org.gantry.ops.cli.node;

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
}
