package org.gantry.api.protocol.models;

import org.gantry.api.job.JobId;
import org.gantry.api.protocol.ClusterMessage;

/** The model registry's answers. */
public sealed interface ModelReply extends ClusterMessage {

    record Registered(int version) implements ModelReply {}

    /** The version's files are artifact {@code artifact} of training job {@code job}. */
    record Found(int version, JobId job, String artifact) implements ModelReply {}

    /** No such model or version, or it could not be stored: {@code reason} says which, in words. */
    record Refused(String reason) implements ModelReply {}
}
