package org.gantry.djl.serve;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.gantry.api.job.ServingReady;
import org.gantry.djl.TrainedModel;

/**
 * The {@code djl-serve} replicas of one node, a child process of its agent:
 * {@code java -cp … org.gantry.djl.serve.ServeMain CONFIG.json} with the token in
 * {@value ServingConfig#TOKEN_ENV}. It loads the model once, listens on a port per replica, and
 * prints one {@link ServingReady} line per replica once it answers; SIGTERM stops it after the
 * requests under way.
 * Exit codes: 0 stopped, {@value #EXIT_INVALID} no usable config, model or token.
 */
public final class ServeMain {
    public static final int EXIT_INVALID = 2;
    private static final String NAME = "gantry djl-serve";
    /** Request threads: enough to keep the batcher fed while others read and write bytes. */
    private static final int THREADS = 16;

    private ServeMain() {}

    public static void main(String[] args) throws InterruptedException {
        // Small answers on kept-alive connections otherwise wait out the client's delayed ACK
        // (Nagle): about 40 ms each, which capped a replica at ~700 answers/s on 32 connections.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int code = serve(args, System.getenv(ServingConfig.TOKEN_ENV), System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
        new CountDownLatch(1).await(); // the server's threads answer until SIGTERM's hook stops them
    }

    /** Starts the replica and returns 0 once it answers; anything else is an exit code. */
    static int serve(String[] args, String token, PrintStream out, PrintStream err) {
        if (args.length != 1) {
            err.println("usage: " + NAME + " CONFIG.json   (modelDir, model, version, replicas, host)");
            return EXIT_INVALID;
        }
        if (token == null || token.isBlank()) {
            err.println(NAME + ": no token in " + ServingConfig.TOKEN_ENV + "; the agent sets it");
            return EXIT_INVALID;
        }
        ServingConfig config;
        TrainedModel model;
        try {
            config = ServingConfig.read(Path.of(args[0]));
            model = TrainedModel.load(config.modelDir());
        } catch (IOException | RuntimeException e) {
            err.println(NAME + ": cannot start: " + e.getMessage());
            return EXIT_INVALID;
        }
        List<HttpServer> servers = new ArrayList<>();
        List<PredictionBatcher> batchers = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(THREADS * config.replicas().size());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            servers.forEach(server -> server.stop(1));
            batchers.forEach(PredictionBatcher::close);
            threads.shutdown();
            model.close();
        }, "gantry-serve-stop"));
        // One listener and one batcher per replica: each replica is a device's worth of serving.
        for (int replica : config.replicas()) {
            PredictionBatcher batcher = new PredictionBatcher(model, config.maxBatchRows());
            batchers.add(batcher);
            HttpServer server;
            try {
                server = HttpServer.create(new InetSocketAddress(config.host(), 0), 128);
            } catch (IOException e) {
                err.println(NAME + ": cannot listen on " + config.host() + ": " + e.getMessage());
                return EXIT_INVALID;
            }
            server.setExecutor(threads);
            server.createContext("/predict", new PredictHandler(batcher, token, config.model(), config.version()));
            server.start();
            servers.add(server);
            out.println(new ServingReady(replica, server.getAddress().getPort(), config.version()).toLine());
        }
        out.flush();
        return 0;
    }
}
