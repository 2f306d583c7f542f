package org.gantry.scheduler.control.objects;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.IOResult;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.SinkRef;
import org.apache.pekko.stream.StreamRefAttributes;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.StreamConverters;
import org.apache.pekko.stream.javadsl.StreamRefs;
import org.apache.pekko.util.ByteString;
import org.gantry.api.job.JobId;
import org.gantry.api.protocol.objects.DownloadReply;
import org.gantry.api.protocol.MemberRoles;
import org.gantry.api.protocol.objects.ObjectCommand;
import org.gantry.api.protocol.objects.ObjectCommand.Download;
import org.gantry.api.protocol.objects.ObjectCommand.Outcome;
import org.gantry.api.protocol.objects.ObjectCommand.Upload;
import org.gantry.api.protocol.objects.ObjectName;
import org.gantry.api.protocol.objects.ObjectStoreKey;
import org.gantry.api.protocol.objects.UploadReply;
import org.gantry.scheduler.control.JobGateway;
import org.gantry.scheduler.control.job.JobCommand;
import org.gantry.scheduler.control.projection.JobTable;
import org.gantry.storage.objects.ArtifactKey;
import org.gantry.storage.objects.CheckpointKey;
import org.gantry.storage.objects.CheckpointStore;
import org.gantry.storage.objects.DatasetKey;
import org.gantry.storage.objects.ObjectKey;
import org.gantry.storage.objects.ObjectStores;

/**
 * The control plane's object store as agents reach it: answers uploads with a sink ref and
 * downloads with a source ref, so checkpoints (and, next, artifacts and datasets) stream in
 * flow-controlled elements over the cluster; agents fetch tenants' datasets here too. Runs as a cluster singleton on a control node,
 * beside the journal it shares its RocksDB with: one owner numbers a job's checkpoints and
 * prunes them, and a control node on a local journal is the only one anyway. Every store call
 * runs on the blocking dispatcher (or the stream's blocking-I/O one); the actor keeps the
 * bookkeeping: uploads in flight, their outcomes, step numbers, the retention sweep.
 */
public final class ObjectStoreActor {
    /** How long an upload's outcome is kept for its sender to ask. */
    private static final Duration OUTCOME_MEMORY = Duration.ofMinutes(5);
    /** How often a download retries when pruning removed the checkpoint it was about to read. */
    private static final int READ_TRIES = 3;

    private sealed interface Internal {}

    private record Opened(CheckpointStore store) implements Internal {}

    private record OpenFailed(Throwable cause) implements Internal {}

    private record Committed(long uploadId, Upload upload, ObjectKey key, UploadReply outcome) implements Internal {}

    private record Served(DownloadReply reply, ActorRef<DownloadReply> replyTo) implements Internal {}

    private record ForgetOutcome(long uploadId) implements Internal {}

    private enum Sweep implements Internal { TICK }

    private record Swept(int jobs, Throwable failure) implements Internal {}

    private final ObjectStoreSettings settings;
    private final JobGateway jobs;
    private final Supplier<JobTable> jobTable;
    private final ActorContext<Object> context;
    private final TimerScheduler<Object> timers;
    private final Executor blocking;
    private final Materializer materializer;
    private CheckpointStore store;
    private long nextUploadId = 1;
    /** Uploads whose stream or commit is under way, with who waits for their outcome. */
    private final Map<Long, List<ActorRef<UploadReply>>> inFlight = new HashMap<>();
    private final Map<Long, UploadReply> outcomes = new HashMap<>();
    /** The last step numbered per job, so two checkpoints in one millisecond still differ. */
    private final Map<String, Long> lastStep = new HashMap<>();

    private ObjectStoreActor(ObjectStoreSettings settings, JobGateway jobs, Supplier<JobTable> jobTable,
                             ActorContext<Object> context, TimerScheduler<Object> timers) {
        this.settings = settings;
        this.jobs = jobs;
        this.jobTable = jobTable;
        this.context = context;
        this.timers = timers;
        this.blocking = context.getSystem().dispatchers().lookup(DispatcherSelector.blocking());
        this.materializer = Materializer.createMaterializer(context);
    }

    /**
     * @param jobTable the job table, for the sweep to tell which jobs ended and when
     */
    public static Behavior<ObjectCommand> create(ObjectStoreSettings settings, JobGateway jobs,
                                                 Supplier<JobTable> jobTable) {
        Behavior<Object> behavior = Behaviors.setup(context -> Behaviors.withTimers(timers ->
                Behaviors.withStash(10_000, stash ->
                        new ObjectStoreActor(settings, jobs, jobTable, context, timers).opening(stash))));
        return behavior.narrow();
    }

    /** Opening sweeps orphan chunks, which blocks: requests wait in the stash meanwhile. */
    private Behavior<Object> opening(StashBuffer<Object> stash) {
        var classic = Adapter.toClassic(context.getSystem());
        context.pipeToSelf(CompletableFuture.supplyAsync(() -> ObjectStores.get(classic), blocking),
                (opened, failure) -> failure == null ? new Opened(opened) : new OpenFailed(failure));
        return Behaviors.receive(Object.class)
                .onMessage(Opened.class, opened -> {
                    store = opened.store();
                    context.getSystem().receptionist().tell(Receptionist.register(ObjectStoreKey.STORE,
                            context.getSelf().narrow()));
                    timers.startTimerWithFixedDelay(Sweep.TICK, Sweep.TICK, settings.sweepInterval());
                    context.getLog().info("object store up: keeping the last {} checkpoints per job, those of "
                            + "finished jobs for {}", store.settings().keepLastCheckpoints(), settings.retention());
                    return stash.unstashAll(active());
                })
                .onMessage(OpenFailed.class, failed -> {
                    throw new IllegalStateException("cannot open the object store", failed.cause());
                })
                .onAnyMessage(message -> {
                    stash.stash(message);
                    return Behaviors.same();
                })
                .build();
    }

    /**
     * Checkpoints, artifacts and datasets are other tenants' data: only agents (on GPU-node
     * members, certified as such with cluster TLS) and this JVM may store or fetch them.
     */
    private Behavior<Object> active() {
        MemberRoles members = MemberRoles.of(context.getSystem());
        return Behaviors.receive(Object.class)
                .onMessage(ObjectCommand.class,
                        command -> members.refuses(command, command.replyTo(), MemberRoles.GPU_NODE, context.getLog()),
                        refused -> Behaviors.same())
                .onMessage(Upload.class, this::onUpload)
                .onMessage(Outcome.class, this::onOutcome)
                .onMessage(Committed.class, this::onCommitted)
                .onMessage(ForgetOutcome.class, forget -> {
                    outcomes.remove(forget.uploadId());
                    return Behaviors.same();
                })
                .onMessage(Download.class, this::onDownload)
                .onMessage(Served.class, served -> {
                    served.replyTo().tell(served.reply());
                    return Behaviors.same();
                })
                .onMessage(Sweep.class, tick -> onSweep())
                .onMessage(Swept.class, this::onSwept)
                .build();
    }

    /**
     * A sink ref whose stream fills an upload; the upload commits on the blocking dispatcher once
     * the stream ended with exactly the announced size and digest, and is dropped otherwise (a
     * stream that fails, or whose sender never runs it and so times out, drops it too).
     */
    private Behavior<Object> onUpload(Upload upload) {
        if (upload.name() instanceof ObjectName.Dataset) {
            upload.replyTo().tell(new UploadReply.Failed(upload.name().describe()
                    + ": datasets are uploaded through the REST API (PUT /api/v1/datasets/{name}), not by agents"));
            return Behaviors.same();
        }
        long uploadId = nextUploadId++;
        ObjectKey key = keyFor(upload.name());
        var writer = store.writer(key);
        Pair<SinkRef<ByteString>, CompletionStage<IOResult>> run = StreamRefs.<ByteString>sinkRef()
                .addAttributes(StreamRefAttributes.bufferCapacity(settings.bufferElements()))
                .toMat(StreamConverters.fromOutputStream(() -> new KeepOpen(writer)), Keep.both())
                .run(materializer);
        CompletionStage<UploadReply> outcome = run.second().handleAsync((io, failure) -> {
            try {
                if (failure != null) {
                    return new UploadReply.Failed("the stream of " + upload.name().describe() + " broke off: "
                            + rootMessage(failure));
                }
                if (io.count() != upload.size()) {
                    return new UploadReply.Failed("received " + io.count() + " bytes of " + upload.name().describe()
                            + ", the sender announced " + upload.size());
                }
                String stale = staleAttempt(upload);
                if (stale != null) {
                    return new UploadReply.Failed(stale);
                }
                var info = writer.commit(upload.sha256());
                long step = info.key() instanceof CheckpointKey checkpoint ? checkpoint.step() : 0;
                return new UploadReply.Stored(upload.name(), step, info.size(), info.sha256(), info.createdAt());
            } catch (RuntimeException e) {
                return new UploadReply.Failed("could not store " + upload.name().describe() + ": " + e.getMessage());
            } finally {
                writer.close(); // drops the chunks unless committed
            }
        }, blocking);
        inFlight.put(uploadId, new ArrayList<>());
        context.pipeToSelf(outcome, (reply, failure) -> new Committed(uploadId, upload, key,
                failure == null ? reply : new UploadReply.Failed(rootMessage(failure))));
        upload.replyTo().tell(new UploadReply.Ready(uploadId, run.first()));
        return Behaviors.same();
    }

    private Behavior<Object> onCommitted(Committed committed) {
        UploadReply outcome = committed.outcome();
        List<ActorRef<UploadReply>> waiting = inFlight.remove(committed.uploadId());
        outcomes.put(committed.uploadId(), outcome);
        timers.startSingleTimer(new ForgetOutcome(committed.uploadId()), OUTCOME_MEMORY);
        if (waiting != null) {
            waiting.forEach(replyTo -> replyTo.tell(outcome));
        }
        if (outcome instanceof UploadReply.Stored stored && committed.key() instanceof CheckpointKey checkpoint) {
            context.getLog().info("stored {} step {} of attempt {}: {} bytes", committed.upload().name().describe(),
                    checkpoint.step(), committed.upload().attempt(), stored.size());
            // The job's events learn of it (time, size): the API shows it and the policy measures lost work from it.
            jobs.entity(committed.upload().name().job()).tell(new JobCommand.RecordCheckpoint(
                    committed.upload().attempt(), checkpoint.step(), stored.size(), stored.at(),
                    context.getSystem().ignoreRef()));
        } else if (outcome instanceof UploadReply.Failed failed) {
            context.getLog().warn("upload {} of {} failed: {}", committed.uploadId(),
                    committed.upload().name().describe(), failed.reason());
        }
        return Behaviors.same();
    }

    private Behavior<Object> onOutcome(Outcome ask) {
        UploadReply known = outcomes.get(ask.uploadId());
        if (known != null) {
            ask.replyTo().tell(known);
        } else if (inFlight.containsKey(ask.uploadId())) {
            inFlight.get(ask.uploadId()).add(ask.replyTo());
        } else {
            ask.replyTo().tell(new UploadReply.Failed("no upload " + ask.uploadId() + " is known here (the store "
                    + "restarted, or its outcome was forgotten after " + OUTCOME_MEMORY.toMinutes() + " minutes)"));
        }
        return Behaviors.same();
    }

    /** Finds the object and opens it on the blocking dispatcher; its bytes stream from the blocking-I/O one. */
    private Behavior<Object> onDownload(Download download) {
        ObjectName name = download.name();
        CompletableFuture<DownloadReply> reply = CompletableFuture.supplyAsync(() -> {
            for (int tries = 1; ; tries++) {
                var info = name instanceof ObjectName.Artifact artifact ? store.stat(artifactKey(artifact))
                        : name instanceof ObjectName.Dataset dataset
                        ? store.stat(new DatasetKey(dataset.tenant(), dataset.name()))
                        : store.latestCheckpoint(name.job().value());
                if (info.isEmpty()) {
                    return new DownloadReply.NotFound(name);
                }
                try {
                    var reader = store.read(info.get().key());
                    var source = StreamConverters.fromInputStream(() -> reader, settings.elementSize())
                            .runWith(StreamRefs.sourceRef(), materializer);
                    long step = info.get().key() instanceof CheckpointKey checkpoint ? checkpoint.step() : 0;
                    return new DownloadReply.Ready(name, step, info.get().size(), info.get().sha256(),
                            info.get().createdAt(), source);
                } catch (org.gantry.storage.ObjectNotFoundException e) {
                    if (tries == READ_TRIES) {
                        throw e; // pruned under us every time: give up
                    }
                }
            }
        }, blocking);
        context.pipeToSelf(reply, (ready, failure) -> new Served(failure == null ? ready
                : new DownloadReply.Failed("cannot read " + name.describe() + ": " + rootMessage(failure)),
                download.replyTo()));
        return Behaviors.same();
    }

    /** Checkpoints of jobs that ended longer ago than the retention go; their artifacts stay. */
    private Behavior<Object> onSweep() {
        Instant cutoff = Instant.now().minus(settings.retention());
        context.pipeToSelf(CompletableFuture.supplyAsync(() -> {
            int swept = 0;
            for (String job : store.jobsWithCheckpoints()) {
                var row = jobTable.get().row(JobId.of(job));
                if (row.isPresent() && row.get().stage().state().isTerminal()) {
                    Instant finishedAt = row.get().view().finishedAt();
                    if (finishedAt != null && finishedAt.isBefore(cutoff)) {
                        store.deleteCheckpoints(job);
                        swept++;
                    }
                }
            }
            return swept;
        }, blocking), (swept, failure) -> new Swept(swept == null ? 0 : swept, failure));
        return Behaviors.same();
    }

    private Behavior<Object> onSwept(Swept swept) {
        if (swept.failure() != null) {
            context.getLog().warn("checkpoint retention sweep failed: {}", rootMessage(swept.failure()));
        } else if (swept.jobs() > 0) {
            context.getLog().info("deleted the checkpoints of {} jobs that ended more than {} ago", swept.jobs(),
                    settings.retention());
        }
        return Behaviors.same();
    }

    /**
     * Why a checkpoint of an attempt the job has moved on from is not stored, or null. Such an
     * attempt was fenced (its node lost contact, its job was requeued and placed again) and ships
     * when its node is back: stored, it would be the newest checkpoint, and the next attempt would
     * resume from older work than the current one did. The job table may lag the journal a little;
     * it never runs ahead of it, so nothing current is refused. On the blocking dispatcher.
     */
    private String staleAttempt(Upload upload) {
        if (!(upload.name() instanceof ObjectName.Checkpoint checkpoint)) {
            return null;
        }
        var row = jobTable.get().row(checkpoint.job());
        int current = row.map(found -> found.view().attempt()).orElse(0);
        return current > upload.attempt() ? upload.name().describe() + " of attempt " + upload.attempt()
                + " was not stored: the job has moved on to attempt " + current + ", which must not resume from "
                + "older work" : null;
    }

    /** The key an upload stores under: a checkpoint gets the next step of its job. Actor thread only. */
    private ObjectKey keyFor(ObjectName name) {
        if (name instanceof ObjectName.Artifact artifact) {
            return artifactKey(artifact);
        }
        String job = name.job().value();
        long step = Math.max(System.currentTimeMillis(), lastStep.getOrDefault(job, 0L) + 1);
        lastStep.put(job, step);
        return new CheckpointKey(job, step);
    }

    private static ArtifactKey artifactKey(ObjectName.Artifact artifact) {
        return new ArtifactKey(artifact.job().value(), artifact.name());
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
