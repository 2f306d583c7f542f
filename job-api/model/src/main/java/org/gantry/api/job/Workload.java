package org.gantry.api.job;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What a job runs once it has GPUs. Sealed, so every runner and reader handles each kind;
 * in JSON the kind is named by the {@code kind} field.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ProcessWorkload.class, name = ProcessWorkload.KIND),
    @JsonSubTypes.Type(value = SimulatedWorkload.class, name = SimulatedWorkload.KIND),
    @JsonSubTypes.Type(value = DjlTrainWorkload.class, name = DjlTrainWorkload.KIND),
    @JsonSubTypes.Type(value = DjlServeWorkload.class, name = DjlServeWorkload.KIND)
})
public sealed interface Workload permits ProcessWorkload, SimulatedWorkload, DjlTrainWorkload, DjlServeWorkload {

    /** This workload with its secrets masked, fit to show to a user or write to a log. */
    Workload redacted();
}
