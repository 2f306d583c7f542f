package org.gantry.api.protocol.objects;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Objects;
import org.gantry.api.job.JobId;

/**
 * What a transfer is about. A checkpoint names only its job: uploading one stores the job's
 * newest (the store numbers it), downloading one fetches the newest stored. A dataset belongs to
 * a tenant, not a job; {@link #job()} is the job it is fetched for.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({@JsonSubTypes.Type(value = ObjectName.Checkpoint.class, name = "checkpoint"),
    @JsonSubTypes.Type(value = ObjectName.Artifact.class, name = "artifact"),
    @JsonSubTypes.Type(value = ObjectName.Dataset.class, name = "dataset")})
public sealed interface ObjectName {

    JobId job();

    /** Words for messages. */
    String describe();

    /** The latest checkpoint of a job. */
    record Checkpoint(JobId job) implements ObjectName {
        public Checkpoint {
            Objects.requireNonNull(job, "job");
        }

        @Override
        public String describe() {
            return "checkpoint of job " + job.value();
        }
    }

    /** A named artifact of a job, such as a trained model. */
    record Artifact(JobId job, String name) implements ObjectName {
        public Artifact {
            Objects.requireNonNull(job, "job");
            if (name == null || name.isBlank() || name.indexOf('\u0000') >= 0) {
                throw new IllegalArgumentException("an artifact needs a name without U+0000, got [" + name + "]");
            }
        }

        @Override
        public String describe() {
            return "artifact " + name + " of job " + job.value();
        }
    }

    /**
     * Tenant {@code tenant}'s uploaded dataset {@code name} (a raw CSV, not a pack), fetched for
     * {@code job}. Download only: datasets arrive through the REST API.
     */
    record Dataset(JobId job, String tenant, String name) implements ObjectName {
        public Dataset {
            Objects.requireNonNull(job, "job");
            for (String part : new String[] {tenant, name}) {
                if (part == null || part.isBlank() || part.indexOf('\u0000') >= 0) {
                    throw new IllegalArgumentException("a dataset needs a tenant and a name without U+0000, got ["
                            + tenant + "] and [" + name + "]");
                }
            }
        }

        @Override
        public String describe() {
            return "dataset " + name + " of tenant " + tenant + " (for job " + job.value() + ")";
        }
    }
}
