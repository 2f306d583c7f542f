package org.gantry.scheduler.control.job;

import org.gantry.api.job.Job;
import org.gantry.api.protocol.ClusterMessage;

/** A job entity's answer. */
public sealed interface JobReply extends ClusterMessage {

    /** Done (or already done, when {@code changed} is false); {@code job} is the job now. */
    record Accepted(Job job, boolean changed) implements JobReply {}

    /** Not possible in the job's current state, which {@code job} shows; {@code reason} says why. */
    record Refused(Job job, String reason) implements JobReply {}

    /** No job was ever submitted under this id. */
    record Unknown() implements JobReply {}
}
