package org.gantry.scheduler.control.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.headers.Authorization;
import org.apache.pekko.http.javadsl.settings.ConnectionPoolSettings;
import org.apache.pekko.util.ByteString;
import org.gantry.api.json.GantryJson;
import org.gantry.api.service.ServiceException;
import org.gantry.api.tenant.TenantId;
import org.gantry.scheduler.control.ServingDirectory;
import org.gantry.scheduler.control.ServingDirectory.Replica;

/**
 * Sends a prediction request to a ready replica of the model: the one with the fewest requests
 * outstanding from this node. A replica that cannot answer (its connection refused, reset or
 * closed before an answer, or a 5xx) is set aside at once and the request goes to the next one,
 * at most {@value #MAX_TRIES} replicas in all, so a replica dying under load loses nothing a
 * client was promised: predictions are pure, so trying again elsewhere is safe. A replica set
 * aside gets no requests while others can take them, until its agent announces it again (a new
 * {@link Replica} instance) or {@link #SET_ASIDE} has passed, whichever is first. A refusal of the
 * rows themselves (a 4xx from the replica) is the caller's to fix and is not retried.
 */
final class PredictRouter {
    /** How long to wait for a request before telling the client to come back. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(2);
    /** Replicas one request tries at most: past one or two that just died, without hammering a model that is down. */
    static final int MAX_TRIES = 3;
    /**
     * How long a replica that failed stays set aside when its agent says nothing new of it: a
     * replica that is really gone is withdrawn by then (agents report every 2 s), and one that
     * answered a 5xx but lives gets requests again.
     */
    static final Duration SET_ASIDE = Duration.ofSeconds(10);

    private final ServingDirectory directory;
    private final Http http;
    private final ActorSystem<?> system;
    private final ConnectionPoolSettings pool;
    private final Duration timeout;
    /** Requests in flight per replica address; counters only, so no lock is needed. */
    private final ConcurrentHashMap<String, AtomicInteger> outstanding = new ConcurrentHashMap<>();
    private final AtomicInteger turn = new AtomicInteger();
    /** Replicas that failed a request, by address: the instance that failed and until when (nanoTime). */
    private final ConcurrentHashMap<String, SetAside> setAside = new ConcurrentHashMap<>();
    /** The directory's addresses when the two maps above were last pruned to them. */
    private volatile Set<String> prunedTo = Set.of();

    private record SetAside(Replica replica, long untilNanos) {}

    PredictRouter(ActorSystem<?> system, ServingDirectory directory, Duration timeout) {
        this.system = system;
        this.directory = directory;
        this.http = Http.get(system);
        // Many clients share few replicas: keep enough connections open to each that requests do not queue here.
        this.pool = ConnectionPoolSettings.create(system.settings().config()).withMaxConnections(64).withMaxOpenRequests(1024);
        this.timeout = timeout;
    }

    /** The replica's answer (its JSON bytes), or a failed stage with the {@link ServiceException} to show. */
    CompletionStage<byte[]> predict(TenantId tenant, String model, byte[] rows) {
        prune();
        List<Replica> replicas = directory.replicas(tenant, model);
        if (replicas.isEmpty()) {
            return CompletableFuture.failedFuture(noReplica(model, "has no replica ready to serve it"));
        }
        return attempt(tenant, model, rows, byLoad(replicas), 0);
    }

    /** Forgets the counters and set-asides of replicas the directory no longer lists (an ended or moved job). */
    private void prune() {
        Set<String> live = directory.urls();
        if (live != prunedTo) {
            prunedTo = live;
            outstanding.keySet().retainAll(live);
            setAside.keySet().retainAll(live);
        }
    }

    private CompletionStage<byte[]> attempt(TenantId tenant, String model, byte[] rows, List<Replica> order, int next) {
        if (next == order.size() || next == MAX_TRIES) {
            return CompletableFuture.failedFuture(noReplica(model, "has no replica that answered"));
        }
        Replica replica = order.get(next);
        AtomicInteger load = outstanding.computeIfAbsent(replica.endpoint().url(), url -> new AtomicInteger());
        load.incrementAndGet();
        HttpRequest request = HttpRequest.POST(replica.endpoint().url())
                .addHeader(Authorization.oauth2(replica.endpoint().token()))
                .withEntity(ContentTypes.APPLICATION_JSON, rows);
        return http.singleRequest(request, http.defaultClientHttpsContext(), pool, system.classicSystem().log())
                .thenCompose(response -> response.entity().toStrict(timeout.toMillis(), system)
                        .thenApply(entity -> new Answer(response.status().intValue(), entity.getData())))
                .handle((answer, failure) -> {
                    load.decrementAndGet();
                    return failure == null ? answer : null;
                })
                .thenCompose(answer -> {
                    if (answer != null && answer.status() == 200) {
                        return CompletableFuture.completedFuture(answer.body().toArray());
                    }
                    if (answer != null && answer.status() >= 400 && answer.status() < 500) {
                        return CompletableFuture.failedFuture(new ServiceException.Invalid(detail(answer)));
                    }
                    setAside.put(replica.endpoint().url(), new SetAside(replica, System.nanoTime() + SET_ASIDE.toNanos()));
                    return attempt(tenant, model, rows, order, next + 1);
                });
    }

    /**
     * Least outstanding first; among equals, a rotating start so idle replicas share the load.
     * Replicas set aside come last: tried only when those before them failed too.
     */
    private List<Replica> byLoad(List<Replica> replicas) {
        int start = Math.floorMod(turn.getAndIncrement(), replicas.size());
        List<Replica> rotated = new ArrayList<>(replicas.subList(start, replicas.size()));
        rotated.addAll(replicas.subList(0, start));
        if (setAside.isEmpty()) {
            rotated.sort(Comparator.comparingInt(replica -> outstanding(replica.endpoint().url())));
        } else {
            long now = System.nanoTime();
            rotated.sort(Comparator.<Replica>comparingInt(replica -> isSetAside(replica, now) ? 1 : 0)
                    .thenComparingInt(replica -> outstanding(replica.endpoint().url())));
        }
        return rotated;
    }

    /** Whether the replica failed a request, has not been announced again since, and its time aside is not over. */
    private boolean isSetAside(Replica replica, long now) {
        SetAside aside = setAside.get(replica.endpoint().url());
        if (aside == null) {
            return false;
        }
        if (aside.replica() != replica || now - aside.untilNanos() >= 0) {
            setAside.remove(replica.endpoint().url(), aside);
            return false;
        }
        return true;
    }

    /** The replica addresses this router keeps a counter or a set-aside for: for tests. */
    Set<String> tracked() {
        Set<String> urls = new java.util.HashSet<>(outstanding.keySet());
        urls.addAll(setAside.keySet());
        return urls;
    }

    private int outstanding(String url) {
        AtomicInteger load = outstanding.get(url);
        return load == null ? 0 : load.get();
    }

    private static ServiceException.Unavailable noReplica(String model, String why) {
        return new ServiceException.Unavailable("model '" + model + "' " + why + "; deploy it with a djl-serve job "
                + "(gantry deploy " + model + ") or retry in " + RETRY_AFTER.toSeconds() + " s", RETRY_AFTER);
    }

    /** A replica's refusal is a problem document; its detail is what the caller needs to read. */
    private static String detail(Answer answer) {
        try {
            JsonNode problem = GantryJson.mapper().readTree(answer.body().toArray());
            String detail = problem.path("detail").asText("");
            return detail.isBlank() ? "the model refused the rows" : detail;
        } catch (Exception unreadable) {
            return "the model refused the rows";
        }
    }

    private record Answer(int status, ByteString body) {}
}
