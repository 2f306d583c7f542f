package org.gantry.djl.serve;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.gantry.api.job.ServingReady;
import org.gantry.djl.TrainedModel;

/**
 * A {@code djl-serve} replica, a child process of its agent:
 * {@code java -cp … org.gantry.djl.serve.ServeMain CONFIG.json} with the token in
 * {@value ServingConfig#TOKEN_ENV}. It loads the model, listens, and prints one
 * {@link ServingReady} line when it answers; SIGTERM stops it after the requests under way.
 * Exit codes: 0 stopped, {@value #EXIT_INVALID} no usable config, model or token.
 */
public final class ServeMain {
    public static final int EXIT_INVALID = 2;
    private static final String NAME = "gantry djl-serve";
    /** Request threads: enough to keep the batcher fed while others read and write bytes. */
    private static final int THREADS = 16;

    private ServeMain() {}

    public static void main(String[] args) throws InterruptedException {
        int code = serve(args, System.getenv(ServingConfig.TOKEN_ENV), System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
        new CountDownLatch(1).await(); // the server's threads answer until SIGTERM's hook stops them
    }

    /** Starts the replica and returns 0 once it answers; anything else is an exit code. */
    static int serve(String[] args, String token, PrintStream out, PrintStream err) {
        if (args.length != 1) {
            err.println("usage: " + NAME + " CONFIG.json   (modelDir, model, version, replica, host, port)");
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
        PredictionBatcher batcher = new PredictionBatcher(model, config.maxBatchRows());
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 128);
        } catch (IOException e) {
            err.println(NAME + ": cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage());
            return EXIT_INVALID;
        }
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        server.setExecutor(threads);
        server.createContext("/predict", new PredictHandler(batcher, token, config.model(), config.version()));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(1);
            batcher.close();
            threads.shutdown();
            model.close();
        }, "gantry-serve-stop"));
        out.println(new ServingReady(config.replica(), server.getAddress().getPort(), config.version()).toLine());
        out.flush();
        return 0;
    }
}
