package org.gantry.ops.cli.node;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.gantry.ops.node.TlsKeystore;
import org.gantry.scheduler.control.service.AdminToken;
import picocli.CommandLine.Option;

/** The options of a JVM that serves the REST API and keeps the job records: {@code up} and {@code control}. */
final class ServeOptions {
    @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT",
            description = "HTTP port of the REST API (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST",
            description = "Address to serve on and be reached at (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--tls-keystore", paramLabel = "FILE",
            description = "Serve HTTPS with the key and certificate in this PKCS12 file; its password is read from "
                    + "$" + TlsKeystore.PASSWORD_ENV + ".")
    Path tlsKeystore;

    @Option(names = "--insecure-http",
            description = "Allow plain HTTP on an address other than loopback (a TLS proxy in front, say): "
                    + "tokens and job specs would otherwise cross the network in clear text.")
    boolean insecureHttp;

    @Option(names = "--data-dir", defaultValue = "./gantry-data", paramLabel = "DIR",
            description = "Where RocksDB, the admin token and job logs live (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    /** The keystore to serve HTTPS from, or null for plain HTTP. */
    TlsKeystore tls() {
        return tlsKeystore == null ? null : TlsKeystore.fromEnvironment(tlsKeystore);
    }

    /**
     * Plain HTTP only on loopback unless asked for: bearer tokens cross every request. Checked
     * first, as a refusal after start would leave a data dir behind.
     */
    void requireSafeTransport() {
        if (tlsKeystore == null && !insecureHttp && !isLoopback(host)) {
            throw new IllegalStateException("refusing to serve plain HTTP on " + host + ": bearer tokens would cross "
                    + "the network in clear text. Serve HTTPS with --tls-keystore FILE.p12 (password in $"
                    + TlsKeystore.PASSWORD_ENV + "), or pass --insecure-http when a TLS proxy in front terminates it");
        }
        if (tlsKeystore != null) {
            tls().serverContext(); // a wrong file or password is said now, before anything starts
        }
    }

    static boolean isLoopback(String host) {
        try {
            return java.net.InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /**
     * Fails at once, before anything is started or written, when --port is taken: found only at
     * bind time, it left a fresh data dir with a token behind and a stack trace in front.
     */
    /** A weak {@code GANTRY_ADMIN_TOKEN} stops the start before anything is started or written. */
    void requireStrongAdminToken() {
        AdminToken.requireStrong(System.getenv(AdminToken.ENV));
    }

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
