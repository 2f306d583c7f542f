package org.gantry.api.protocol.models;

import java.util.List;
import java.util.Objects;
import org.apache.pekko.actor.typed.ActorRef;
import org.gantry.api.job.JobId;
import org.gantry.api.protocol.ClusterMessage;
import org.gantry.api.tenant.TenantId;

/** What agents ask of the control plane's model registry (found by {@link ModelRegistryKey#REGISTRY}). */
public sealed interface ModelCommand extends ClusterMessage {

    ActorRef<ModelReply> replyTo();

    /**
     * Add the model that attempt {@code attempt} of training job {@code job} produced (its files
     * already stored as artifact {@code artifact} of the job) as the next version of
     * {@code tenant}'s {@code name}. Repeating it for the same attempt answers the version already
     * added. Answered with {@link ModelReply.Registered} or {@link ModelReply.Refused}.
     */
    record Register(TenantId tenant, String name, JobId job, int attempt, String artifact, String target,
                    List<String> features, double validationMae, double validationMse, ActorRef<ModelReply> replyTo)
            implements ModelCommand {
        public Register {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(job, "job");
            Objects.requireNonNull(artifact, "artifact");
            features = List.copyOf(features);
        }
    }

    /**
     * Which stored artifact holds version {@code version} (the newest when null) of
     * {@code tenant}'s {@code name}: answered with {@link ModelReply.Found} or {@link ModelReply.Refused}.
     */
    record Resolve(TenantId tenant, String name, Integer version, ActorRef<ModelReply> replyTo) implements ModelCommand {}
}
