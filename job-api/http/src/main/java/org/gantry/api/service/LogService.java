package org.gantry.api.service;

import java.util.concurrent.CompletionStage;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import org.gantry.api.job.JobId;
import org.gantry.api.protocol.AgentCommand.LogStream;

/**
 * A job's output, fetched from the node that ran its latest attempt. With {@code follow} the
 * source keeps going while the job runs and completes when it ends.
 */
public interface LogService {
    CompletionStage<Source<ByteString, NotUsed>> logs(Caller caller, JobId id, LogStream stream, boolean follow);
}
