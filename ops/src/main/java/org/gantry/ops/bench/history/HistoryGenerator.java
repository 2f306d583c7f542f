package org.gantry.ops.bench.history;

import com.typesafe.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.json.GantryJson;
import org.gantry.api.tenant.PoolQuota;
import org.gantry.api.tenant.TenantId;
import org.gantry.api.tenant.TenantSpec;
import org.gantry.ops.node.NodeConfig;
import org.gantry.ops.node.NodeOptions;
import org.gantry.ops.node.NodeRoles;
import org.gantry.scheduler.control.job.JobEntity;
import org.gantry.scheduler.control.job.JobEvent;
import org.gantry.scheduler.control.projection.JobProjector;
import org.gantry.scheduler.control.projection.JobTable;
import org.gantry.scheduler.control.projection.ProjectionProgress;
import org.gantry.scheduler.control.service.Tokens;
import org.gantry.scheduler.control.tenant.TenantDirectory;
import org.gantry.scheduler.control.tenant.TenantEvent;
import org.gantry.storage.tables.Tables;

/**
 * Fills a new data directory with a job history through the real write path: an actor system
 * configured as a control node on it, the journal plugin the entities write through, and the
 * job projector following the journal meanwhile. Writes the tenants' events too, so the
 * directory starts with {@code gantry up} like one that lived through it all.
 */
public final class HistoryGenerator {
    /** Where the report lands in the data directory, for {@code gantry bench restart} to read. */
    public static final String REPORT_FILE = "bench-history.json";
    private static final int JOBS_PER_BATCH = 500;
    private static final int BATCHES_IN_FLIGHT = 4;
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofHours(1);

    private final HistoryShape shape;

    public HistoryGenerator(HistoryShape shape) {
        this.shape = shape;
    }

    /** @param progress told the fraction of jobs written, from 0 to 1 */
    public HistoryReport run(Consumer<Double> progress) throws Exception {
        Path rocks = shape.dataDir().resolve("rocksdb");
        if (Files.isDirectory(rocks)) {
            throw new IllegalArgumentException(shape.dataDir() + " already holds a journal (" + rocks
                    + "): the history goes into a new data directory");
        }
        Config config = NodeConfig.of(new NodeOptions(Set.of(NodeRoles.CONTROL), "127.0.0.1", 0, List.of(),
                shape.dataDir()));
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), NodeConfig.SYSTEM_NAME, config);
        try {
            ProjectionProgress projection = new ProjectionProgress(JobTable.open(system));
            system.systemActorOf(JobProjector.create(projection, config.getString("gantry.control.read-journal")),
                    "job-projector", Props.empty());
            awaitCaughtUp(projection);
            Tally tally = new Tally();
            long start = System.nanoTime();
            try (JournalWriter writer = new JournalWriter(Adapter.toClassic(system), BATCHES_IN_FLIGHT)) {
                writeTenants(writer);
                writeJobs(writer, tally, progress);
            }
            double writeSeconds = (System.nanoTime() - start) / 1e9;
            long written = System.nanoTime();
            awaitCaughtUp(projection);
            double caughtUpSeconds = (System.nanoTime() - written) / 1e9;
            long head = Tables.of(Adapter.toClassic(system)).journalHead(JobEntity.TAG);
            if (head != tally.events) {
                throw new IllegalStateException("the journal holds " + head + " job events, " + tally.events
                        + " were written: some writes were rejected (see the log)");
            }
            HistoryReport report = new HistoryReport(shape.finished(), tally.succeeded, tally.failed,
                    tally.cancelled, shape.pending(), shape.running(), shape.tenants(), head, writeSeconds,
                    caughtUpSeconds);
            GantryJson.mapper().writerWithDefaultPrettyPrinter()
                    .writeValue(shape.dataDir().resolve(REPORT_FILE).toFile(), report);
            return report;
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
        }
    }

    /** {@code default} and team-2 … each guaranteed an equal share of the GPUs, with no upper limit. */
    private void writeTenants(JournalWriter writer) throws InterruptedException {
        int share = shape.nodes() * shape.gpusPerNode() / shape.tenants();
        List<TenantId> tenants = SyntheticHistory.tenants(shape.tenants());
        List<TenantEvent> created = tenants.stream()
                .<TenantEvent>map(name -> new TenantEvent.TenantCreated(
                        new TenantSpec(name, Map.of(PoolId.DEFAULT, new PoolQuota(share, PoolQuota.UNLIMITED))),
                        Tokens.hash(Tokens.generate())))
                .toList();
        writer.add(TenantDirectory.PERSISTENCE_ID.id(), 1, created, null);
        writer.flush();
    }

    private void writeJobs(JournalWriter writer, Tally tally, Consumer<Double> progress) throws InterruptedException {
        SyntheticHistory history = new SyntheticHistory(shape, Instant.now());
        Set<String> tags = Set.of(JobEntity.TAG);
        int total = shape.jobs();
        for (int i = 0; i < total; i++) {
            JobLog job = i < shape.finished() ? history.finished(i)
                    : i < shape.finished() + shape.running() ? history.running(i - shape.finished())
                    : history.pending(i - shape.finished() - shape.running());
            writer.add(JobEntity.persistenceId(job.id()).id(), 1, job.events(), tags);
            tally.add(job);
            if ((i + 1) % JOBS_PER_BATCH == 0) {
                writer.flush();
                progress.accept((i + 1) / (double) total);
            }
        }
        writer.flush();
        progress.accept(1.0);
    }

    private static void awaitCaughtUp(ProjectionProgress projection) throws Exception {
        projection.caughtUp().toCompletableFuture().get(CATCH_UP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Counts what was written, by outcome. */
    private static final class Tally {
        long events;
        int succeeded;
        int failed;
        int cancelled;

        void add(JobLog job) {
            events += job.events().size();
            if (job.events().get(job.events().size() - 1) instanceof JobEvent.Finished finished) {
                switch (finished.outcome()) {
                    case SUCCEEDED -> succeeded++;
                    case FAILED -> failed++;
                    default -> cancelled++;
                }
            }
        }
    }
}
