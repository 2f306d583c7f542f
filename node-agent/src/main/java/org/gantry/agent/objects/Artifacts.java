package org.gantry.agent.objects;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.gantry.api.job.JobId;
import org.gantry.api.json.GantryJson;
import org.gantry.api.protocol.models.ModelCommand;
import org.gantry.api.protocol.models.ModelRegistryKey;
import org.gantry.api.protocol.models.ModelReply;
import org.gantry.api.protocol.objects.ObjectName;
import org.gantry.api.tenant.TenantId;

/**
 * Trained models between nodes: a {@code djl-train} attempt's model directory goes to the
 * control plane's object store and becomes the model's next version in its registry; a
 * {@code djl-serve} attempt fetches a version's files back onto its node, and a {@code djl-train}
 * attempt its uploaded dataset. {@link #LOCAL} is an
 * agent without a cluster store, which can do neither and says so.
 */
public interface Artifacts {

    /** The model description the trainer writes beside the parameters. */
    String MODEL_CARD = "model.json";

    /** What the registry answered: the version the model became, or was already. */
    CompletionStage<Integer> publishModel(TenantId tenant, String model, JobId job, int attempt, Path modelDir);

    /** Unpacks version {@code version} (the newest when null) of the model into {@code dir}; the version. */
    CompletionStage<Integer> fetchModel(TenantId tenant, String model, Integer version, Path dir);

    /** Fetches tenant {@code tenant}'s uploaded dataset (a CSV) for {@code job} to {@code file}; its size. */
    CompletionStage<Long> fetchDataset(TenantId tenant, String dataset, JobId job, Path file);

    @FunctionalInterface
    interface Factory {
        Artifacts create(ActorSystem<?> system, Path scratch);
    }

    Artifacts LOCAL = new Artifacts() {
        @Override
        public CompletionStage<Integer> publishModel(TenantId tenant, String model, JobId job, int attempt, Path dir) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "this agent has no cluster object store to keep the model in"));
        }

        @Override
        public CompletionStage<Integer> fetchModel(TenantId tenant, String model, Integer version, Path dir) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "this agent has no cluster object store to fetch model " + model + " from"));
        }

        @Override
        public CompletionStage<Long> fetchDataset(TenantId tenant, String dataset, JobId job, Path file) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "this agent has no cluster object store to fetch dataset " + dataset + " from"));
        }
    };

    /** The artifact a training attempt's model is stored as: one per attempt, so versions never share files. */
    static String artifactName(int attempt) {
        return "model-a" + attempt;
    }

    /** Models in the cluster's object store and registry, found through the receptionist. */
    static Artifacts overCluster(ActorSystem<?> system, Path scratch) {
        Duration ask = Duration.ofSeconds(30);
        ObjectTransfer transfer = new ObjectTransfer(system, scratch, ask, Duration.ofMinutes(30));
        return new Artifacts() {
            @Override
            public CompletionStage<Integer> publishModel(TenantId tenant, String model, JobId job, int attempt,
                                                         Path modelDir) {
                String artifact = artifactName(attempt);
                return CompletableFuture.supplyAsync(() -> card(modelDir),
                                system.dispatchers().lookup(DispatcherSelector.blocking()))
                        .thenCompose(card -> transfer.ship(modelDir, new ObjectName.Artifact(job, artifact), attempt)
                                .thenCompose(shipped -> registry(system, ask)
                                        .thenCompose(registry -> AskPattern.<ModelCommand, ModelReply>ask(registry,
                                                replyTo -> new ModelCommand.Register(tenant, model, job, attempt,
                                                        artifact, card.path("target").asText(), features(card),
                                                        card.path("metrics").path("validationMae").asDouble(),
                                                        card.path("metrics").path("validationMse").asDouble(), replyTo),
                                                ask, system.scheduler()))))
                        .thenApply(reply -> {
                            if (reply instanceof ModelReply.Registered registered) {
                                return registered.version();
                            }
                            throw new IllegalStateException("the model registry refused model " + model + ": "
                                    + ((ModelReply.Refused) reply).reason());
                        });
            }

            @Override
            public CompletionStage<Integer> fetchModel(TenantId tenant, String model, Integer version, Path dir) {
                return registry(system, ask)
                        .thenCompose(registry -> AskPattern.<ModelCommand, ModelReply>ask(registry,
                                replyTo -> new ModelCommand.Resolve(tenant, model, version, replyTo), ask,
                                system.scheduler()))
                        .thenCompose(reply -> {
                            if (!(reply instanceof ModelReply.Found found)) {
                                throw new IllegalStateException(((ModelReply.Refused) reply).reason());
                            }
                            return transfer.fetch(new ObjectName.Artifact(found.job(), found.artifact()), dir)
                                    .thenApply(fetched -> {
                                        if (fetched.isEmpty()) {
                                            throw new IllegalStateException("version " + found.version() + " of model "
                                                    + model + " is registered but its files are not in the store");
                                        }
                                        return found.version();
                                    });
                        });
            }

            @Override
            public CompletionStage<Long> fetchDataset(TenantId tenant, String dataset, JobId job, Path file) {
                return transfer.fetchFile(new ObjectName.Dataset(job, tenant.value(), dataset), file)
                        .thenApply(fetched -> fetched.orElseThrow(() -> new IllegalStateException("tenant "
                                + tenant.value() + " has no dataset " + dataset + " (deleted since the job was submitted?)")));
            }
        };
    }

    private static JsonNode card(Path modelDir) {
        try {
            return GantryJson.mapper().readTree(Files.readString(modelDir.resolve(MODEL_CARD)));
        } catch (IOException e) {
            throw new UncheckedIOException("the trainer left no readable " + MODEL_CARD + " in " + modelDir, e);
        }
    }

    private static List<String> features(JsonNode card) {
        List<String> features = new ArrayList<>();
        card.path("features").forEach(feature -> features.add(feature.asText()));
        return features;
    }

    private static CompletionStage<ActorRef<ModelCommand>> registry(ActorSystem<?> system, Duration timeout) {
        return ServiceLookup.find(system, ModelRegistryKey.REGISTRY, "model registry", timeout);
    }
}
