package org.gantry.ops.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.gantry.api.client.GantryClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gantry top}: pools, nodes and the head of the queue, redrawn every few seconds. */
@Command(name = "top",
        header = "A live terminal view of the pools, the GPUs and the queue.",
        description = {
            "Redraws every --interval seconds, until Ctrl-C: each pool's GPUs (free of total, with " +
            "a bar), running and pending jobs; each node's status and free GPUs; and the first --rows " +
            "pending jobs in scheduling order with why they wait and their estimated start. What the " +
            "token may see only: a tenant's token shows its own queue. With --once, or when stdout is " +
            "not a terminal, it prints one frame and exits.",
            ""},
        footer = {"", "Examples:",
            "  gantry top",
            "  gantry top --interval 5 --rows 40",
            "  gantry top --once > snapshot.txt"},
        mixinStandardHelpOptions = true)
public final class TopCommand extends ClientCommand {
    private static final String CLEAR = "\u001b[H\u001b[2J";
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "2",
            description = "Seconds between frames (default: ${DEFAULT-VALUE}).")
    private double interval;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "20",
            description = "Pending jobs shown (default: ${DEFAULT-VALUE}).")
    private int rows;

    @Option(names = "--once", description = "Print one frame and exit.")
    private boolean once;

    @Override
    void run(GantryClient client) throws Exception {
        if (interval < 0.5) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--interval must be at least 0.5 seconds, got " + interval);
        }
        boolean live = !once && System.console() != null;
        do {
            String frame = frame(client); // drawn whole, then shown at once: no flicker of half a frame
            if (live) {
                out().print(CLEAR);
            }
            out().print(frame);
            out().flush();
            if (live) {
                Thread.sleep((long) (interval * 1000));
            }
        } while (live);
    }

    private String frame(GantryClient client) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        JsonNode pools = client.pools().path("pools");
        JsonNode nodes = client.nodes().path("nodes");
        JsonNode queue = client.queue().path("queue");
        out.println("gantry top — " + client.url() + " — " + CLOCK.format(Instant.now())
                + (once ? "" : "   (every " + interval + " s; Ctrl-C to quit)"));
        out.println();
        Table poolTable = new Table("POOL", "NODES", "GPUS", "FREE", "USE", "RUNNING", "PENDING", "PENDING GPUS");
        for (JsonNode pool : pools) {
            int gpus = pool.path("gpus").asInt();
            int free = pool.path("freeGpus").asInt();
            poolTable.row(Shown.text(pool, "id"), Shown.text(pool, "nodes"), gpus, free, bar(gpus - free, gpus),
                    Shown.text(pool, "runningJobs"), Shown.text(pool, "pendingJobs"), Shown.text(pool, "pendingGpus"));
        }
        poolTable.print(out);
        out.println();
        Table nodeTable = new Table("NODE", "POOL", "STATUS", "GPUS", "FREE", "USE", "JOBS");
        for (JsonNode node : nodes) {
            int gpus = node.path("gpus").asInt();
            int free = node.path("freeGpus").asInt();
            nodeTable.row(Shown.text(node, "id"), Shown.text(node, "pool"), Shown.text(node, "status"), gpus, free,
                    bar(gpus - free, gpus), node.path("jobs").size());
        }
        nodeTable.print(out);
        out.println();
        if (queue.isEmpty()) {
            out.println("Queue: empty.");
        } else {
            out.println("Queue: " + queue.size() + " pending" + (queue.size() > rows ? ", first " + rows : "") + ":");
            Table queueTable = new Table("#", "ID", "TENANT", "NAME", "GPUS", "WAITING", "REASON", "EST. START");
            Instant now = Instant.now();
            for (int i = 0; i < Math.min(rows, queue.size()); i++) {
                JsonNode entry = queue.get(i);
                queueTable.row(Shown.text(entry, "position"), Shown.text(entry, "id"), Shown.text(entry, "tenant"),
                        Shown.text(entry, "name"), Shown.text(entry, "gpus"), Shown.age(entry, "submittedAt", now),
                        Shown.text(entry, "reason"), entry.hasNonNull("estimatedStart")
                                ? CLOCK.format(Instant.parse(entry.path("estimatedStart").asText())) : "");
            }
            queueTable.print(out);
        }
        out.flush();
        return text.toString();
    }

    /** {@code [#####.....]}: how much of a pool or node is in use, ten characters wide. */
    static String bar(int used, int total) {
        int filled = total <= 0 ? 0 : Math.round(10f * used / total);
        return "[" + "#".repeat(filled) + ".".repeat(10 - filled) + "]";
    }
}
