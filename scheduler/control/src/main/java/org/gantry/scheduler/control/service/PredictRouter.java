package org.gantry.scheduler.control.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
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
 * outstanding from this node. A replica that cannot answer (gone, refusing, failing) is skipped and
 * the request goes to the next one, so a replica dying under load loses nothing a client was
 * promised: predictions are pure, so trying again elsewhere is safe. A refusal of the rows
 * themselves (a 4xx from the replica) is the caller's to fix and is not retried.
 */
final class PredictRouter {
    /** How long to wait for a request before telling the client to come back. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    private final ServingDirectory directory;
    private final Http http;
    private final ActorSystem<?> system;
    private final ConnectionPoolSettings pool;
    private final Duration timeout;
    /** Requests in flight per replica address; counters only, so no lock is needed. */
    private final ConcurrentHashMap<String, AtomicInteger> outstanding = new ConcurrentHashMap<>();
    private final AtomicInteger turn = new AtomicInteger();

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
        List<Replica> replicas = directory.replicas(tenant, model);
        if (replicas.isEmpty()) {
            return CompletableFuture.failedFuture(noReplica(model, "has no replica ready to serve it"));
        }
        return attempt(tenant, model, rows, byLoad(replicas), 0);
    }

    private CompletionStage<byte[]> attempt(TenantId tenant, String model, byte[] rows, List<Replica> order, int next) {
        if (next == order.size()) {
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
                    return attempt(tenant, model, rows, order, next + 1);
                });
    }

    /** Least outstanding first; among equals, a rotating start so idle replicas share the load. */
    private List<Replica> byLoad(List<Replica> replicas) {
        int start = Math.floorMod(turn.getAndIncrement(), replicas.size());
        List<Replica> rotated = new ArrayList<>(replicas.subList(start, replicas.size()));
        rotated.addAll(replicas.subList(0, start));
        rotated.sort(Comparator.comparingInt(replica -> outstanding(replica.endpoint().url())));
        return rotated;
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
