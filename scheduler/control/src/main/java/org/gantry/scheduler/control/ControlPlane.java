package org.gantry.scheduler.control;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.ClusterSingletonSettings;
import org.apache.pekko.cluster.typed.SingletonActor;
import org.gantry.api.job.Job;
import org.gantry.api.job.JobState;
import org.gantry.api.service.ApiServices;
import org.gantry.scheduler.control.SchedulerCommand.Recovered;
import org.gantry.scheduler.control.job.FreshJobs;
import org.gantry.scheduler.control.job.JobEntity;
import org.gantry.api.protocol.models.ModelCommand;
import org.gantry.scheduler.control.model.ModelRegistry;
import org.gantry.scheduler.control.dataset.DatasetTable;
import org.gantry.scheduler.control.model.ModelTable;
import org.gantry.scheduler.control.objects.ObjectStoreActor;
import org.gantry.scheduler.control.objects.ObjectStoreSettings;
import org.gantry.scheduler.control.projection.JobProjector;
import org.gantry.scheduler.control.projection.JobRow;
import org.gantry.scheduler.control.projection.JobTable;
import org.gantry.scheduler.control.projection.ProjectionProgress;
import org.gantry.scheduler.control.secret.SecretSeal;
import org.gantry.scheduler.control.service.ControlServices;
import org.gantry.scheduler.control.tenant.TenantCommand;
import org.gantry.scheduler.control.tenant.TenantDirectory;
import org.gantry.scheduler.control.tenant.TenantReply;
import org.gantry.scheduler.control.usage.UsageRecorder;
import org.gantry.storage.journal.JournalAppender;

/**
 * Starts the control plane on a node with the {@code control} role: the scheduler and the
 * tenant directory as cluster singletons, the job entities sharded, and the services the REST
 * routes use. Every control node calls this; the singletons run on the oldest of them.
 */
public final class ControlPlane {
    public static final String ROLE = org.gantry.api.protocol.MemberRoles.CONTROL;
    /** The journal plugin whose store a fresh job's first event may be written to directly. */
    public static final String ROCKS_JOURNAL = "gantry.rocksdb.journal";

    /** The latest successes a new scheduler's duration predictor learns from. */
    private static final int PREDICTOR_WARM_UP = 10_000;

    private final ApiServices services;
    private final ActorRef<ModelCommand> modelRegistry;

    private final FiguresBoard figures;

    private ControlPlane(ApiServices services, ActorRef<ModelCommand> modelRegistry, FiguresBoard figures) {
        this.services = services;
        this.modelRegistry = modelRegistry;
        this.figures = figures;
    }

    /**
     * @param adminToken the admin's bearer token (see {@code AdminToken})
     * @param seal       seals secret values before they are persisted (see {@code SecretKeys})
     */
    public static ControlPlane start(ActorSystem<?> system, String adminToken, SecretSeal seal) {
        return start(system, adminToken, ControlMetrics.NONE, seal);
    }

    /**
     * @param adminToken the admin's bearer token (see {@code AdminToken})
     * @param metrics    what the scheduler counts where it happens goes here
     * @param seal       seals secret values before they are persisted (see {@code SecretKeys})
     */
    public static ControlPlane start(ActorSystem<?> system, String adminToken, ControlMetrics metrics,
                                     SecretSeal seal) {
        FiguresBoard figures = new FiguresBoard();
        SchedulerSettings settings = SchedulerSettings.from(system.settings().config());
        String readJournal = system.settings().config().getString("gantry.control.read-journal");
        ClusterSingleton singletons = ClusterSingleton.get(system);
        ClusterSingletonSettings onControl = ClusterSingletonSettings.create(system).withRole(ROLE);
        ClusterSharding sharding = ClusterSharding.get(system);
        JobGateway entities = id -> sharding.entityRefFor(JobEntity.TYPE_KEY, id.value());
        ProjectionProgress jobTable = new ProjectionProgress(JobTable.open(system));
        singletons.init(SingletonActor.of(Behaviors.supervise(JobProjector.create(jobTable, readJournal))
                .onFailure(SupervisorStrategy.restartWithBackoff(Duration.ofSeconds(1), Duration.ofSeconds(10), 0.2)),
                "job-projector").withSettings(onControl));

        // The directory and the scheduler name each other. The directory needs the scheduler's proxy
        // only when a tenant changes, which is after both are initialised here.
        AtomicReference<ActorRef<SchedulerCommand>> schedulerProxy = new AtomicReference<>();
        SubmitGate submitGate = new SubmitGate();
        UsageRecorder usage = UsageRecorder.open(system);
        ServingDirectory servingDirectory = new ServingDirectory();
        ActorRef<TenantCommand> tenants = singletons.init(SingletonActor.of(
                TenantDirectory.create(() -> schedulerProxy.get().narrow()), "tenants").withSettings(onControl));
        ActorRef<SchedulerCommand> scheduler = singletons.init(SingletonActor.of(
                Behaviors.supervise(SchedulerActor.create(settings, entities, submitGate, servingDirectory, metrics, figures,
                                usage, seal, () -> recover(system, jobTable, tenants, settings)))
                        .onFailure(SupervisorStrategy.restartWithBackoff(Duration.ofSeconds(1), Duration.ofSeconds(10),
                                0.2)),
                "scheduler").withSettings(onControl));
        schedulerProxy.set(scheduler);
        JobEntity.init(sharding, scheduler.narrow());
        // Checkpoints (and artifacts) live in the same RocksDB as the journal: one owner on the
        // control node that holds it, found by agents through the receptionist.
        singletons.init(SingletonActor.of(Behaviors.supervise(ObjectStoreActor.create(
                        ObjectStoreSettings.from(system.settings().config()), entities, jobTable::table))
                .onFailure(SupervisorStrategy.restartWithBackoff(Duration.ofSeconds(1), Duration.ofSeconds(10), 0.2)),
                "objects").withSettings(onControl));
        ModelTable models = ModelTable.open(system);
        ActorRef<ModelCommand> modelRegistry = singletons.init(SingletonActor.of(ModelRegistry.create(models),
                "model-registry").withProps(DispatcherSelector.blocking()).withSettings(onControl));
        ApiServices services = ControlServices.create(system, entities, freshJobs(system, scheduler), scheduler,
                submitGate, tenants, jobTable, models, DatasetTable.open(system), servingDirectory, usage.table(),
                readJournal, adminToken, seal, settings.askTimeout());
        return new ControlPlane(services, modelRegistry, figures);
    }

    /**
     * Where a fresh job's first event is written without its entity (see {@link FreshJobs}); null
     * when switched off or when the journal is not this node's RocksDB, which the entities also use.
     */
    private static FreshJobs freshJobs(ActorSystem<?> system, ActorRef<SchedulerCommand> scheduler) {
        Config config = system.settings().config();
        String plugin = config.getString("pekko.persistence.journal.plugin");
        if (!config.getBoolean("gantry.control.fresh-jobs-straight-to-journal") || !ROCKS_JOURNAL.equals(plugin)) {
            return null;
        }
        JournalAppender journal = JournalAppender.of(Adapter.toClassic(system), config.getConfig(plugin));
        return new FreshJobs(journal::appendFirst, scheduler.narrow(), system.executionContext());
    }

    /**
     * What the scheduler starts from: once the job table holds every event committed so far, the
     * jobs waiting or holding GPUs (finished ones stay in the table), read off the scheduling
     * thread, and the tenants; then the latest successes for the duration predictor.
     */
    private static CompletionStage<Recovered> recover(ActorSystem<?> system, ProjectionProgress jobTable,
                                                      ActorRef<TenantCommand> tenants, SchedulerSettings settings) {
        CompletionStage<TenantReply.All> allTenants = AskPattern.ask(tenants, TenantCommand.GetAll::new,
                settings.askTimeout(), system.scheduler());
        Executor blocking = system.dispatchers().lookup(DispatcherSelector.blocking());
        CompletionStage<List<Job>> live = jobTable.caughtUp(settings.recoveryTimeout())
                .thenApplyAsync(caughtUp -> views(jobTable.table().live()), blocking);
        return live.thenCombine(allTenants, (jobs, all) -> new Recovered(jobs, all.tenants(),
                CompletableFuture.supplyAsync(() -> oldestFirst(views(jobTable.table().newest(JobState.SUCCEEDED,
                        PREDICTOR_WARM_UP))), blocking)));
    }

    /** The predictor keeps the latest samples it saw: it must see the newest last. */
    private static List<Job> oldestFirst(List<Job> newestFirst) {
        List<Job> reversed = new ArrayList<>(newestFirst);
        Collections.reverse(reversed);
        return reversed;
    }

    private static List<Job> views(List<JobRow> rows) {
        return rows.stream().map(JobRow::view).toList();
    }

    public ApiServices services() {
        return services;
    }

    /** Where the scheduler on this node publishes its view counted up (empty where it runs elsewhere). */
    public FiguresBoard figures() {
        return figures;
    }

    /** Where trained models are registered as new versions (the singleton's proxy). */
    public ActorRef<ModelCommand> modelRegistry() {
        return modelRegistry;
    }
}
