package org.gantry.api.http;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Sink;
import org.gantry.api.dataset.DatasetException;
import org.gantry.api.dataset.DatasetInfo;
import org.gantry.api.dataset.DatasetSummary;
import org.gantry.api.dataset.NumericCsvUpload;
import org.gantry.api.service.DatasetService;
import org.gantry.api.validation.Violation;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import org.gantry.api.cluster.GpuDevice;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.cluster.NodeStatus;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.Job;
import org.gantry.api.job.JobAttempt;
import org.gantry.api.job.JobHistoryEntry;
import org.gantry.api.job.JobId;
import org.gantry.api.job.JobSpec;
import org.gantry.api.job.JobState;
import org.gantry.api.model.ModelMetrics;
import org.gantry.api.model.ModelVersion;
import org.gantry.api.protocol.AgentCommand.LogStream;
import org.gantry.api.service.ApiServices;
import org.gantry.api.service.Caller;
import org.gantry.api.service.ClusterService;
import org.gantry.api.service.JobExplanation;
import org.gantry.api.service.StartRange;
import org.gantry.api.service.DemandReport;
import org.gantry.api.service.JobPage;
import org.gantry.api.service.JobQuery;
import org.gantry.api.service.JobDetails;
import org.gantry.api.service.JobService;
import org.gantry.api.service.SubmitPreview;
import org.gantry.api.service.LogService;
import org.gantry.api.service.ModelService;
import org.gantry.api.service.NodeSummary;
import org.gantry.api.service.PoolSummary;
import org.gantry.api.service.GpuAllocation;
import org.gantry.api.service.QueueEntry;
import org.gantry.api.service.QueuePage;
import org.gantry.api.service.QueueQuery;
import org.gantry.api.service.ServiceException;
import org.gantry.api.service.TenantQuota;
import org.gantry.api.service.TenantService;
import org.gantry.api.service.TenantUsage;
import org.gantry.api.service.UsageQuery;
import org.gantry.api.service.TokenAuthenticator;
import org.gantry.api.service.AuditEntry;
import org.gantry.api.service.AuditQuery;
import org.gantry.api.service.AuditService;
import org.gantry.api.service.TokenInfo;
import org.gantry.api.service.TokenService;
import org.gantry.api.tenant.TokenRequest;
import org.gantry.api.tenant.PoolQuota;
import org.gantry.api.tenant.TenantId;
import org.gantry.api.tenant.TenantSpec;

/** In-memory services behind the routes: just enough behaviour to see each route's answers. */
final class Fakes {
    static final String ADMIN_TOKEN = "admin-secret";
    static final String VISION_TOKEN = "vision-secret";
    static final String AUDIO_TOKEN = "audio-secret";
    static final String VISION_READER_TOKEN = "vision-reader-secret";
    static final String EXPIRED_TOKEN = "expired-secret";
    static final TenantId VISION = new TenantId("vision");
    static final TenantId AUDIO = new TenantId("audio");
    static final Instant NOW = Instant.parse("2025-01-02T03:04:05Z");

    /** Job ids that make the fake fail in each way a real service can. */
    static final String EXPLODING = "explodes";
    static final String THROWING = "throws";
    static final String UNAVAILABLE = "unavailable";
    static final String WRAPPED_NOT_FOUND = "wrapped-not-found";
    static final String LEAKED_SECRET = "db-password=hunter2";

    private Fakes() {}

    /** One fresh fake of every service, typed so a test can arrange and inspect them. */
    static final class All {
        final Jobs jobs = new Jobs();
        final Tenants tenants = new Tenants();
        final Cluster cluster = new Cluster();
        final Logs logs = new Logs(jobs);
        final Tokens tokens = new Tokens();
        final Audit audit = new Audit();
        private final Datasets datasets;

        All(org.apache.pekko.actor.typed.ActorSystem<?> system) {
            this.datasets = new Datasets(system);
        }

        /** What the routes are built on. */
        ApiServices services() {
            return new ApiServices(jobs, tenants, cluster, logs, new Models(), datasets, new Authenticator(), tokens,
                    audit);
        }
    }

    static final class Authenticator implements TokenAuthenticator {
        @Override
        public CompletionStage<Optional<Caller>> authenticate(String token) {
            Caller caller = switch (token) {
                case ADMIN_TOKEN -> new Caller.Admin();
                case VISION_TOKEN -> new Caller.Tenant(VISION);
                case AUDIO_TOKEN -> new Caller.Tenant(AUDIO);
                case VISION_READER_TOKEN -> new Caller.Tenant(VISION, true);
                default -> null;
            };
            // Async on purpose: the routes must wait for the answer, not assume it is there.
            return CompletableFuture.supplyAsync(() -> Optional.ofNullable(caller));
        }

        @Override
        public CompletionStage<org.gantry.api.service.Authentication> identify(String token) {
            if (token.equals(EXPIRED_TOKEN)) {
                return CompletableFuture.supplyAsync(() -> new org.gantry.api.service.Authentication.Refused(
                        "the bearer token expired at " + NOW + "; ask for a new one"));
            }
            return authenticate(token).thenApply(caller -> caller
                    .<org.gantry.api.service.Authentication>map(known -> new org.gantry.api.service.Authentication.Known(
                            known, "id-of-" + token.split("-")[0]))
                    .orElseGet(() -> new org.gantry.api.service.Authentication.Refused("the bearer token is not valid")));
        }
    }

    static final class Jobs implements JobService {
        private final Map<JobId, Job> jobs = new LinkedHashMap<>();
        private final Map<String, JobSpec> keys = new LinkedHashMap<>();
        private final Map<String, JobId> keyedJobs = new LinkedHashMap<>();
        final AtomicReference<JobQuery> lastQuery = new AtomicReference<>();
        final AtomicReference<JobSpec> lastSpec = new AtomicReference<>();

        synchronized void clear() {
            jobs.clear();
            keys.clear();
            keyedJobs.clear();
            lastQuery.set(null);
            lastSpec.set(null);
        }

        /** Puts a job in as it is, every field set by the caller. */
        synchronized Job put(Job job) {
            jobs.put(job.id(), job);
            return job;
        }

        /** Puts a job in directly, as if submitted earlier. */
        synchronized Job add(String id, TenantId tenant, JobState state, JobSpec spec) {
            Job job = new Job(new JobId(id), state, tenant, spec.name(), spec.withTenant(tenant), NOW, null, null,
                    null, 0, 0, Map.of(), null, null, false, 0, null, null, Map.of());
            jobs.put(job.id(), job);
            return job;
        }

        @Override
        public synchronized CompletionStage<Submitted> submit(Caller caller, JobSpec spec, Optional<String> key) {
            lastSpec.set(spec);
            if (key.isPresent() && keys.containsKey(key.get())) {
                if (!keys.get(key.get()).equals(spec)) {
                    return failed(new ServiceException.Conflict("idempotency key reused for a different job"));
                }
                return done(new Submitted(jobs.get(keyedJobs.get(key.get())), false));
            }
            Job job = add("job-" + (jobs.size() + 1), spec.tenant(), JobState.PENDING, spec);
            key.ifPresent(k -> {
                keys.put(k, spec);
                keyedJobs.put(k, job.id());
            });
            return done(new Submitted(job, true));
        }

        @Override
        public CompletionStage<SubmitPreview> preview(Caller caller, JobSpec spec) {
            if (!caller.mayActFor(spec.tenant())) {
                return failed(new ServiceException.Forbidden("a tenant token submits only for its own tenant"));
            }
            return done(new SubmitPreview(spec.tenant(), spec.pool(), spec.demand().min(), false, Map.of(),
                    "INSUFFICIENT_GPUS", "the fakes have no GPUs", null));
        }

        @Override
        public CompletionStage<JobDetails> details(Caller caller, JobId id) {
            return get(caller, id).thenApply(job -> new JobDetails(job, job.allocation().isEmpty() ? List.of()
                    : List.of(new JobAttempt(job.attempt(), job.allocation(), job.scheduledAt(), job.startedAt(),
                            job.finishedAt(), null, job.exitCode(), job.reason())))).thenApply(details ->
                    details.job().state() == JobState.PENDING ? details.withEstimate(new JobExplanation(id,
                            JobState.PENDING, "QUOTA", "waits", 1, NOW.plusSeconds(60),
                            new StartRange(NOW.plusSeconds(30), NOW.plusSeconds(300)))) : details);
        }

        @Override
        public CompletionStage<Job> get(Caller caller, JobId id) {
            switch (id.value()) {
                case EXPLODING:
                    return failed(new IllegalStateException("connection lost, " + LEAKED_SECRET));
                case THROWING:
                    throw new IllegalStateException("thrown, " + LEAKED_SECRET);
                case UNAVAILABLE:
                    return failed(new ServiceException.Unavailable("the scheduler is recovering; retry shortly"));
                case WRAPPED_NOT_FOUND:
                    // thenApply wraps the failure in a CompletionException, as composed services do.
                    return CompletableFuture.<Job>failedFuture(new ServiceException.NotFound("no job wrapped"))
                            .thenApply(job -> job);
                default:
                    return visible(caller, id);
            }
        }

        @Override
        public synchronized CompletionStage<JobPage> list(Caller caller, JobQuery query) {
            lastQuery.set(query);
            List<Job> matching = jobs.values().stream()
                    .filter(j -> caller.mayActFor(j.tenant()))
                    .filter(j -> query.tenant() == null || j.tenant().equals(query.tenant()))
                    .filter(j -> query.state() == null || j.state() == query.state())
                    .toList();
            int from = query.cursor() == null ? 0 : Integer.parseInt(query.cursor());
            int to = Math.min(matching.size(), from + query.limit());
            String next = to < matching.size() ? Integer.toString(to) : null;
            return done(new JobPage(matching.subList(from, to), next));
        }

        @Override
        public synchronized CompletionStage<Job> cancel(Caller caller, JobId id) {
            return visible(caller, id).thenCompose(job -> {
                if (job.state().isTerminal()) {
                    return failed(new ServiceException.Conflict("job " + id + " already ended " + job.state()));
                }
                Job cancelled = new Job(job.id(), JobState.CANCELLED, job.tenant(), job.name(), job.spec(),
                        job.submittedAt(), null, null, NOW, 0, 0, Map.of(), null, "cancelled by user", false, 0, null,
                        null, Map.of());
                synchronized (this) {
                    jobs.put(id, cancelled);
                }
                return done(cancelled);
            });
        }

        @Override
        public CompletionStage<List<JobHistoryEntry>> history(Caller caller, JobId id) {
            return visible(caller, id).thenApply(job -> List.of(
                    new JobHistoryEntry(NOW, "Submitted", JobState.PENDING, "submitted by " + job.tenant())));
        }

        @Override
        public CompletionStage<JobExplanation> explain(Caller caller, JobId id) {
            return visible(caller, id).thenApply(job -> new JobExplanation(id, job.state(), "QUOTA",
                    "needs 4 GPUs, 0 left in quota", 1, NOW.plusSeconds(60)));
        }

        @Override
        public synchronized CompletionStage<QueuePage> queue(Caller caller, QueueQuery query) {
            List<QueueEntry> entries = new ArrayList<>();
            for (Job job : jobs.values()) {
                if (job.state() == JobState.PENDING && caller.mayActFor(job.tenant())) {
                    entries.add(new QueueEntry(entries.size() + 1, job.id(), job.tenant(), job.name(),
                            job.spec().pool(), job.spec().gpus().min(), job.submittedAt(), "QUOTA", null));
                }
            }
            return done(QueuePage.of(entries, query));
        }

        /** A job the caller may see; any other is "not found", as the contract says. */
        synchronized CompletionStage<Job> visible(Caller caller, JobId id) {
            Job job = jobs.get(id);
            if (job == null || !caller.mayActFor(job.tenant())) {
                return failed(new ServiceException.NotFound("no job " + id));
            }
            return done(job);
        }
    }

    static final class Logs implements LogService {
        private final Jobs jobs;
        final AtomicReference<LogStream> lastStream = new AtomicReference<>();
        final AtomicReference<Integer> lastAttempt = new AtomicReference<>();

        Logs(Jobs jobs) {
            this.jobs = jobs;
        }

        @Override
        public CompletionStage<Source<ByteString, NotUsed>> logs(Caller caller, JobId id, LogStream stream,
                                                                 boolean follow, Integer attempt) {
            lastStream.set(stream);
            lastAttempt.set(attempt);
            return jobs.visible(caller, id).thenApply(job -> {
                if (!follow) {
                    return Source.single(ByteString.fromString(stream.name().toLowerCase() + " so far\n"));
                }
                // A job that prints a line now and then and ends: the response must last as long.
                return Source.from(List.of("epoch 1\n", "epoch 2\n", "epoch 3\n"))
                        .map(ByteString::fromString)
                        .throttle(1, Duration.ofMillis(150));
            });
        }
    }

    static final class Tenants implements TenantService {
        private final Map<TenantId, TenantSpec> tenants = new LinkedHashMap<>();

        synchronized void clear() {
            tenants.clear();
        }

        @Override
        public synchronized CompletionStage<CreatedTenant> create(Caller caller, TenantSpec spec) {
            if (tenants.containsKey(spec.name())) {
                return failed(new ServiceException.Conflict("tenant " + spec.name() + " exists"));
            }
            tenants.put(spec.name(), spec);
            return done(new CreatedTenant(spec, "token-for-" + spec.name(), List.of()));
        }

        @Override
        public synchronized CompletionStage<List<TenantSpec>> list(Caller caller) {
            return done(tenants.values().stream().filter(t -> caller.mayActFor(t.name())).toList());
        }

        @Override
        public synchronized CompletionStage<TenantQuota> quota(Caller caller, TenantId tenant) {
            TenantSpec spec = tenants.get(tenant);
            if (spec == null) {
                return failed(new ServiceException.NotFound("no tenant " + tenant));
            }
            return done(standing(spec));
        }

        @Override
        public synchronized CompletionStage<TenantQuota> setQuota(Caller caller, TenantId tenant,
                                                                  Map<PoolId, PoolQuota> quotas) {
            if (!tenants.containsKey(tenant)) {
                return failed(new ServiceException.NotFound("no tenant " + tenant));
            }
            TenantSpec spec = new TenantSpec(tenant, quotas);
            tenants.put(tenant, spec);
            return done(standing(spec));
        }

        /** No history: one pool with no steps, the query's range echoed so tests see how it was read. */
        @Override
        public synchronized CompletionStage<TenantUsage> usage(Caller caller, TenantId tenant, UsageQuery query) {
            if (!tenants.containsKey(tenant) || !caller.mayActFor(tenant)) {
                return failed(new ServiceException.NotFound("no tenant " + tenant));
            }
            return done(new TenantUsage(tenant, query.from(), query.to(), query.step(), List.of()));
        }

        private static TenantQuota standing(TenantSpec spec) {
            Map<PoolId, TenantQuota.PoolStanding> pools = new LinkedHashMap<>();
            spec.quotas().forEach((pool, quota) -> pools.put(pool,
                    new TenantQuota.PoolStanding(quota.guaranteed(), quota.limit(), 1, 0, 2)));
            return new TenantQuota(spec.name(), pools, List.of());
        }
    }

    /** Tokens in memory: the admin manages all, a tenant its own; another tenant's are not found. */
    static final class Tokens implements TokenService {
        private final List<TokenInfo> tokens = new ArrayList<>();

        synchronized void clear() {
            tokens.clear();
        }

        @Override
        public synchronized CompletionStage<IssuedToken> issue(Caller caller, TenantId tenant, TokenRequest request) {
            if (tenant != null ? !caller.mayActFor(tenant) : !(caller instanceof Caller.Admin)) {
                return failed(new ServiceException.NotFound("no tenant " + tenant));
            }
            TokenInfo info = new TokenInfo("tok" + tokens.size(), request.name(), tenant, request.role(), NOW,
                    request.expiresIn() == null ? null : NOW.plus(request.expiresIn()), null);
            tokens.add(info);
            return done(new IssuedToken(info, "secret-of-" + info.id()));
        }

        @Override
        public synchronized CompletionStage<List<TokenInfo>> list(Caller caller, TenantId tenant) {
            if (tenant != null && !caller.mayActFor(tenant)) {
                return failed(new ServiceException.NotFound("no tenant " + tenant));
            }
            return done(tokens.stream().filter(t -> java.util.Objects.equals(t.tenant(), tenant)).toList());
        }

        @Override
        public synchronized CompletionStage<TokenInfo> revoke(Caller caller, TenantId tenant, String id) {
            for (int i = 0; i < tokens.size(); i++) {
                TokenInfo t = tokens.get(i);
                if (t.id().equals(id) && java.util.Objects.equals(t.tenant(), tenant)
                        && (tenant == null || caller.mayActFor(tenant))) {
                    TokenInfo revoked = new TokenInfo(t.id(), t.name(), t.tenant(), t.role(), t.created(),
                            t.expires(), NOW);
                    tokens.set(i, revoked);
                    return done(revoked);
                }
            }
            return failed(new ServiceException.NotFound("no token '" + id + "'"));
        }
    }

    /** The audit log in memory, newest first, one page. */
    static final class Audit implements AuditService {
        private final List<AuditEntry> entries = new ArrayList<>();

        synchronized List<AuditEntry> entries() {
            return List.copyOf(entries);
        }

        @Override
        public synchronized CompletionStage<Void> record(AuditEntry entry) {
            entries.add(0, entry);
            return done(null);
        }

        @Override
        public synchronized CompletionStage<AuditPage> read(Caller caller, AuditQuery query) {
            return done(new AuditPage(entries.stream().filter(e -> query.tenant() == null
                    || query.tenant().equals(e.tenant())).limit(query.limit()).toList(), null));
        }
    }

    static final class Cluster implements ClusterService {
        static final NodeId NODE = new NodeId("gpu-1");
        final AtomicBoolean ready = new AtomicBoolean(true);
        final AtomicBoolean readyFails = new AtomicBoolean(false);

        @Override
        public CompletionStage<List<NodeSummary>> nodes(Caller caller) {
            return done(List.of(node(NodeStatus.READY).seenBy(caller)));
        }

        @Override
        public CompletionStage<List<PoolSummary>> pools(Caller caller) {
            return done(List.of(new PoolSummary(PoolId.DEFAULT, 1, 8, 6, 1, 2, 4, 12, true)));
        }

        /** The default pool: two 4-GPU jobs pending; each node added starts one of them. */
        @Override
        public CompletionStage<DemandReport> demand(Caller caller, PoolId pool, DemandReport.Query query) {
            if (!pool.equals(PoolId.DEFAULT)) {
                return failed(new ServiceException.NotFound("no pool '" + pool + "'"));
            }
            boolean asked = query.nodes() > 0;
            int startable = Math.min(2, query.nodes());
            return done(new DemandReport(pool, 2, 8, List.of(new DemandReport.Shape(4, 2, asked ? startable : null)),
                    asked ? new DemandReport.IfAdded(query.nodes(), query.gpusPerNode(), startable, 4L * startable)
                            : null));
        }

        @Override
        public CompletionStage<NodeSummary> act(Caller caller, NodeId node, NodeAction action) {
            if (!node.equals(NODE)) {
                return failed(new ServiceException.NotFound("no node " + node));
            }
            NodeStatus status = switch (action) {
                case CORDON -> NodeStatus.CORDONED;
                case DRAIN -> NodeStatus.DRAINING;
                case UNCORDON -> NodeStatus.READY;
            };
            return done(node(status));
        }

        @Override
        public CompletionStage<Boolean> ready() {
            return readyFails.get()
                    ? failed(new IllegalStateException("scheduler singleton not found"))
                    : done(ready.get());
        }

        private static NodeSummary node(NodeStatus status) {
            return new NodeSummary(NODE, PoolId.DEFAULT, status, "H100", 8, 6, Map.of("zone", "a"),
                    List.of(new JobId("job-1")), NOW, 1, null, List.of(
                            new GpuDevice(0, "H100", 81_559, true, "GPU-0a", 71_234L, 98, 67, null),
                            new GpuDevice(8, "H100", 81_559, false, "GPU-8a", null, null, null,
                                    "nvidia-smi reports temperature.gpu ERR!")), null,
                    List.of(new GpuAllocation(0, new JobId("job-1"), VISION),
                            new GpuAllocation(1, new JobId("job-7"), AUDIO)));
        }
    }

    /** One model, "houses" of tenant vision, in two versions. */
    static final class Models implements ModelService {
        static final List<ModelVersion> HOUSES = List.of(version(2, 1.5), version(1, 2.5));

        private static ModelVersion version(int version, double mae) {
            return new ModelVersion("houses", version, VISION, new JobId("job-" + version), "price",
                    List.of("rooms", "area"), new ModelMetrics(mae, mae * mae), NOW);
        }

        @Override
        public CompletionStage<List<ModelVersion>> models(Caller caller, TenantId tenant) {
            return done(caller.mayActFor(VISION) && (tenant == null || tenant.equals(VISION))
                    ? List.of(HOUSES.get(0)) : List.of());
        }

        @Override
        public CompletionStage<ModelVersion> model(Caller caller, TenantId tenant, String name, Integer version) {
            return versions(caller, tenant, name).thenApply(all -> all.stream()
                    .filter(v -> version == null || v.version() == version).findFirst()
                    .orElseThrow(() -> new ServiceException.NotFound("model '" + name + "' has no version " + version)));
        }

        /** Version 2 of houses is served; "cars" exists but no replica of it is ready. */
        @Override
        public CompletionStage<byte[]> predict(Caller caller, TenantId tenant, String name, byte[] rows) {
            if (name.equals("cars")) {
                return failed(new ServiceException.Unavailable("model 'cars' has no replica ready to serve it",
                        Duration.ofSeconds(2)));
            }
            return versions(caller, tenant, name).thenApply(all ->
                    ("{\"model\":\"houses\",\"version\":2,\"predictions\":[" + new String(rows).length() + "]}").getBytes());
        }

        @Override
        public CompletionStage<List<ModelVersion>> versions(Caller caller, TenantId tenant, String name) {
            return name.equals("houses") && caller.mayActFor(VISION)
                    ? done(HOUSES) : failed(new ServiceException.NotFound("no model '" + name + "'"));
        }
    }

    /**
     * Datasets in memory, validated by the real {@code NumericCsvUpload}; vision has "houses". Takes
     * at most {@link #MAX_BYTES}, so the route's announced-length check can be seen.
     */
    static final class Datasets implements DatasetService {
        static final long MAX_BYTES = 1000;
        private final Materializer materializer;
        private final Map<String, DatasetInfo> stored = new java.util.concurrent.ConcurrentHashMap<>();

        Datasets(org.apache.pekko.actor.typed.ActorSystem<?> system) {
            this.materializer = Materializer.matFromSystem(system);
            stored.put("vision/houses", new DatasetInfo("houses", "vision", List.of("rooms", "price"), 2, 20, "ab", NOW));
        }

        @Override
        public long maxBytes() {
            return MAX_BYTES;
        }

        @Override
        public CompletionStage<Stored> put(Caller caller, TenantId tenant, String name, Source<ByteString, ?> body) {
            TenantId whose = caller instanceof Caller.Tenant t ? t.tenant() : tenant;
            return body.runWith(Sink.fold(ByteString.emptyByteString(), ByteString::concat), materializer)
                    .thenApply(bytes -> {
                        NumericCsvUpload csv = new NumericCsvUpload();
                        DatasetSummary summary;
                        try {
                            csv.feed(bytes.toArray());
                            summary = csv.finish(null);
                        } catch (DatasetException e) {
                            throw new ServiceException.Invalid(e.getMessage(), List.of(new Violation(
                                    "line " + e.line() + ", column " + e.column(), e.reason())));
                        }
                        DatasetInfo info = new DatasetInfo(name, whose.value(), summary.header().columns(),
                                summary.rows(), bytes.size(), "cd", NOW);
                        return new Stored(info, stored.put(whose.value() + "/" + name, info) != null);
                    });
        }

        @Override
        public CompletionStage<List<DatasetInfo>> datasets(Caller caller, TenantId tenant) {
            return done(stored.values().stream().filter(d -> caller.mayActFor(new TenantId(d.tenant()))).toList());
        }

        @Override
        public CompletionStage<DatasetInfo> dataset(Caller caller, TenantId tenant, String name) {
            TenantId whose = caller instanceof Caller.Tenant t ? t.tenant() : tenant;
            DatasetInfo found = stored.get(whose.value() + "/" + name);
            return found == null ? failed(new ServiceException.NotFound("no dataset '" + name + "'")) : done(found);
        }

        @Override
        public CompletionStage<Void> delete(Caller caller, TenantId tenant, String name) {
            TenantId whose = caller instanceof Caller.Tenant t ? t.tenant() : tenant;
            return stored.remove(whose.value() + "/" + name) == null
                    ? failed(new ServiceException.NotFound("no dataset '" + name + "'")) : done(null);
        }
    }

    static <T> CompletionStage<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }

    static <T> CompletionStage<T> failed(Throwable error) {
        return CompletableFuture.failedFuture(error);
    }
}
