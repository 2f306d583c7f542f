package org.gantry.scheduler.control.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.pattern.StatusReply;
import org.gantry.api.protocol.ClusterMessage;
import org.gantry.api.tenant.TenantId;

/**
 * The one writer of the {@link ModelTable}: it numbers each model's versions, so it runs once
 * (a cluster singleton on the control node that holds the store) and one registration at a time.
 * Table calls block on RocksDB for microseconds; run this actor on the blocking-I/O dispatcher.
 */
public final class ModelRegistry {

    public sealed interface Command extends ClusterMessage {}

    /**
     * Add the model a training attempt produced as the next version of {@code tenant}'s
     * {@code name}. Repeating it for the same attempt answers the version already added.
     */
    public record Register(TenantId tenant, String name, String job, int attempt, String target, List<String> features,
                           double validationMae, double validationMse, String artifact, Instant at,
                           ActorRef<StatusReply<StoredModel>> replyTo) implements Command {}

    private ModelRegistry() {}

    public static Behavior<Command> create(ModelTable table) {
        return Behaviors.receive(Command.class)
                .onMessage(Register.class, register -> {
                    register.replyTo().tell(register(table, register));
                    return Behaviors.same();
                })
                .build();
    }

    private static StatusReply<StoredModel> register(ModelTable table, Register request) {
        Optional<StoredModel> already = table.byAttempt(request.job(), request.attempt());
        if (already.isPresent()) {
            return StatusReply.success(already.get());
        }
        int version = table.newest(request.tenant(), request.name()).map(StoredModel::version).orElse(0) + 1;
        StoredModel model = new StoredModel(request.tenant().value(), request.name(), version, request.job(),
                request.attempt(), request.target(), request.features(), request.validationMae(),
                request.validationMse(), request.at(), request.artifact());
        try {
            // Waiting here keeps versions gap-free and in order: the next registration reads this one.
            table.add(model).join();
            return StatusReply.success(model);
        } catch (RuntimeException e) {
            return StatusReply.error("could not store version " + version + " of model " + request.name() + ": "
                    + e.getMessage());
        }
    }
}
