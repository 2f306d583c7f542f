package org.gantry.scheduler.control.service;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.pattern.Patterns;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import org.gantry.api.job.JobId;
import org.gantry.api.protocol.AgentCommand;
import org.gantry.api.protocol.AgentCommand.LogStream;
import org.gantry.api.protocol.LogChunk;
import org.gantry.api.service.Caller;
import org.gantry.api.service.LogService;
import org.gantry.api.service.ServiceException;
import org.gantry.api.cluster.NodeId;
import org.gantry.scheduler.control.SchedulerCommand;
import org.gantry.scheduler.control.job.JobEvent;

/**
 * Logs stay on the node that ran the attempt; this reads them from its agent in chunks. The
 * latest attempt's first node is read (for a gang, rank 0). Following polls while the attempt runs.
 */
public final class ControlLogService implements LogService {
    private static final int CHUNK_BYTES = 64 * 1024;
    private static final Duration FOLLOW_POLL = Duration.ofMillis(500);

    private final ActorSystem<?> system;
    private final ControlJobService jobs;
    private final JobEvents events;
    private final ActorRef<SchedulerCommand> scheduler;
    private final Asking asking;

    ControlLogService(ActorSystem<?> system, ControlJobService jobs, JobEvents events,
                      ActorRef<SchedulerCommand> scheduler, Asking asking) {
        this.system = system;
        this.jobs = jobs;
        this.events = events;
        this.scheduler = scheduler;
        this.asking = asking;
    }

    @Override
    public CompletionStage<Source<ByteString, NotUsed>> logs(Caller caller, JobId id, LogStream stream,
                                                             boolean follow) {
        return jobs.get(caller, id).thenCompose(job -> events.of(id)).thenCompose(log -> {
            Optional<JobEvent.Scheduled> latest = log.stream().filter(JobEvent.Scheduled.class::isInstance)
                    .map(JobEvent.Scheduled.class::cast).reduce((first, second) -> second);
            if (latest.isEmpty()) {
                return CompletableFuture.completedFuture(Source.<ByteString>empty());
            }
            int attempt = latest.get().attempt();
            NodeId node = new TreeSet<>(latest.get().allocation().keySet()).first();
            return asking.<SchedulerCommand, SchedulerCommand.AgentLocation>ask(scheduler,
                    replyTo -> new SchedulerCommand.LocateAgent(node, replyTo), "a log lookup").thenApply(location -> {
                        if (location.agent() == null) {
                            throw new ServiceException.NotFound("the logs of job '" + id + "' were on node " + node
                                    + ", which is gone");
                        }
                        return read(location.agent(), id, attempt, stream, follow);
                    });
        });
    }

    private Source<ByteString, NotUsed> read(ActorRef<AgentCommand> agent, JobId id, int attempt, LogStream stream,
                                             boolean follow) {
        return Source.unfoldAsync(0L, offset -> chunk(agent, id, attempt, stream, offset).thenCompose(chunk -> {
            if (!chunk.found() && offset == 0) {
                return CompletableFuture.completedFuture(Optional.<Pair<Long, ByteString>>empty());
            }
            if (chunk.data().length > 0) {
                return CompletableFuture.completedFuture(
                        Optional.of(Pair.create(chunk.nextOffset(), ByteString.fromArray(chunk.data()))));
            }
            if (!follow || chunk.ended()) {
                return CompletableFuture.completedFuture(Optional.<Pair<Long, ByteString>>empty());
            }
            // Nothing new yet: wait, then emit nothing and read again from the same offset.
            return Patterns.after(FOLLOW_POLL, system.classicSystem().scheduler(), system.executionContext(),
                    () -> CompletableFuture.completedFuture(Optional.of(Pair.create(offset, ByteString.emptyByteString()))));
        })).filter(bytes -> !bytes.isEmpty());
    }

    private CompletionStage<LogChunk> chunk(ActorRef<AgentCommand> agent, JobId id, int attempt, LogStream stream,
                                            long offset) {
        return asking.ask(agent, (ActorRef<LogChunk> replyTo) -> new AgentCommand.ReadLog(id, attempt, stream, offset,
                CHUNK_BYTES, replyTo), "a log read");
    }
}
