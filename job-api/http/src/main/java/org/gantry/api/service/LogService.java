package org.gantry.api.service;

import java.util.concurrent.CompletionStage;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import org.gantry.api.job.JobId;
import org.gantry.api.protocol.AgentCommand.LogStream;

/**
 * A job's output, fetched from the node that ran the attempt. Without {@code attempt}: the latest
 * attempt's, and with {@code follow} the source waits for a pending job to start, goes on into
 * the attempts after a requeue, and completes when the job ends. With {@code attempt}: that
 * attempt's only (following it while it runs); a job without that attempt is not found.
 */
public interface LogService {
    CompletionStage<Source<ByteString, NotUsed>> logs(Caller caller, JobId id, LogStream stream, boolean follow,
                                                      Integer attempt);
}
