import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A gang's ranks meeting as a framework's would: rank 0 listens at MASTER_ADDR:MASTER_PORT,
 * every other rank connects there and says who it is, rank 0 answers each with its own rank.
 * Each rank writes what it saw to $RESULT_DIR/rank-$RANK-attempt-$GANTRY_ATTEMPT.txt.
 * With FAIL_RANK set, that rank exits 3 at once on attempt 1 (a failing rank).
 */
public class Rendezvous {
    public static void main(String[] args) throws Exception {
        int rank = Integer.parseInt(System.getenv("RANK"));
        int world = Integer.parseInt(System.getenv("WORLD_SIZE"));
        String host = System.getenv("MASTER_ADDR");
        int port = Integer.parseInt(System.getenv("MASTER_PORT"));
        String attempt = System.getenv("GANTRY_ATTEMPT");
        Path out = Path.of(System.getenv("RESULT_DIR"), "rank-" + rank + "-attempt-" + attempt + ".txt");
        List<String> seen = new ArrayList<>();
        for (String name : List.of("RANK", "NODE_RANK", "LOCAL_RANK", "WORLD_SIZE", "LOCAL_WORLD_SIZE", "MASTER_ADDR",
                "MASTER_PORT", "GANTRY_NODE", "CUDA_VISIBLE_DEVICES")) {
            seen.add(name + "=" + System.getenv(name));
        }
        Files.write(out, seen);
        if (String.valueOf(rank).equals(System.getenv("FAIL_RANK")) && "1".equals(attempt)) {
            System.exit(3);
        }
        long deadline = System.currentTimeMillis() + 60_000;
        if (rank == 0) {
            try (ServerSocket server = new ServerSocket()) {
                server.setReuseAddress(true);
                server.bind(new InetSocketAddress(host, port));
                server.setSoTimeout(60_000);
                for (int i = 1; i < world; i++) {
                    try (Socket peer = server.accept()) {
                        String hello = reader(peer).readLine();
                        writer(peer).println("rank 0 of " + world + " welcomes you");
                        seen.add("heard: " + hello);
                    }
                }
            }
        } else {
            while (true) {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(host, port), 1_000);
                    writer(socket).println("rank " + rank + " of " + world + " on " + System.getenv("GANTRY_NODE"));
                    seen.add("heard: " + reader(socket).readLine());
                    break;
                } catch (java.io.IOException notYet) {
                    if (System.currentTimeMillis() > deadline) {
                        throw notYet;
                    }
                    Thread.sleep(100);
                }
            }
        }
        seen.add("done");
        Files.write(out, seen);
    }

    private static BufferedReader reader(Socket socket) throws java.io.IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    private static PrintWriter writer(Socket socket) throws java.io.IOException {
        return new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
    }
}
