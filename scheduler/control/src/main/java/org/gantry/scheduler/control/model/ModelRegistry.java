package org.gantry.scheduler.control.model;

import java.time.Instant;
import java.util.Optional;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.gantry.api.job.JobId;
import org.gantry.api.protocol.MemberRoles;
import org.gantry.api.protocol.models.ModelCommand;
import org.gantry.api.protocol.models.ModelRegistryKey;
import org.gantry.api.protocol.models.ModelReply;

/**
 * The one writer of the {@link ModelTable}: it numbers each model's versions, so it runs once
 * (a cluster singleton on the control node that holds the store, listed with the receptionist
 * for agents) and takes one registration at a time. Table calls block on RocksDB for
 * microseconds; run this actor on the blocking-I/O dispatcher.
 */
public final class ModelRegistry {

    private ModelRegistry() {}

    public static Behavior<ModelCommand> create(ModelTable table) {
        return Behaviors.setup(context -> {
            context.getSystem().receptionist().tell(Receptionist.register(ModelRegistryKey.REGISTRY, context.getSelf()));
            // Models are tenants' work: only agents (certified GPU-node members with cluster TLS) register or find them.
            MemberRoles members = MemberRoles.of(context.getSystem());
            return Behaviors.receive(ModelCommand.class)
                    .onMessage(ModelCommand.class,
                            command -> members.refuses(command, command.replyTo(), MemberRoles.GPU_NODE, context.getLog()),
                            refused -> Behaviors.same())
                    .onMessage(ModelCommand.Register.class, register -> {
                        register.replyTo().tell(register(table, register));
                        return Behaviors.same();
                    })
                    .onMessage(ModelCommand.Resolve.class, resolve -> {
                        resolve.replyTo().tell(resolve(table, resolve));
                        return Behaviors.same();
                    })
                    .build();
        });
    }

    private static ModelReply register(ModelTable table, ModelCommand.Register request) {
        Optional<StoredModel> already = table.byAttempt(request.job().value(), request.attempt());
        if (already.isPresent()) {
            return new ModelReply.Registered(already.get().version());
        }
        int version = table.newest(request.tenant(), request.name()).map(StoredModel::version).orElse(0) + 1;
        StoredModel model = new StoredModel(request.tenant().value(), request.name(), version, request.job().value(),
                request.attempt(), request.target(), request.features(), request.validationMae(),
                request.validationMse(), Instant.now(), request.artifact());
        try {
            // Waiting here keeps versions gap-free and in order: the next registration reads this one.
            table.add(model).join();
            return new ModelReply.Registered(version);
        } catch (RuntimeException e) {
            return new ModelReply.Refused("could not store version " + version + " of model " + request.name() + ": "
                    + e.getMessage());
        }
    }

    private static ModelReply resolve(ModelTable table, ModelCommand.Resolve request) {
        Optional<StoredModel> found = request.version() == null
                ? table.newest(request.tenant(), request.name())
                : table.version(request.tenant(), request.name(), request.version());
        return found.<ModelReply>map(model -> new ModelReply.Found(model.version(),
                        new JobId(model.job()), model.artifact()))
                .orElseGet(() -> new ModelReply.Refused(request.version() == null
                        ? "tenant " + request.tenant().value() + " has no model '" + request.name() + "'"
                        : "model '" + request.name() + "' of tenant " + request.tenant().value() + " has no version "
                                + request.version()));
    }
}
