package org.gantry.scheduler.control.service;

import java.time.Duration;
import java.util.List;
import java.util.Map;
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
import org.gantry.api.job.Job;
import org.gantry.api.job.JobId;
import org.gantry.api.protocol.AgentCommand;
import org.gantry.api.protocol.AgentCommand.LogStream;
import org.gantry.api.protocol.LogChunk;
import org.gantry.api.service.Caller;
import org.gantry.api.service.LogService;
import org.gantry.api.service.ServiceException;
import org.gantry.api.cluster.NodeId;
import org.gantry.scheduler.control.SchedulerCommand;
import org.gantry.scheduler.control.secret.SecretSeal;
import org.gantry.scheduler.control.secret.SecretUnreadableException;
import org.gantry.scheduler.control.job.JobEvent;

/**
 * Logs stay on the node that ran the attempt; this reads them from its agent in chunks. An
 * attempt's first node is read (for a gang, rank 0). Following polls while the attempt runs;
 * following a job (no attempt named) also waits for it to start and goes on across requeues,
 * each later attempt's output headed by a line that says where it ran.
 */
public final class ControlLogService implements LogService {
    private static final int CHUNK_BYTES = 64 * 1024;
    private static final Duration FOLLOW_POLL = Duration.ofMillis(500);

    private final ActorSystem<?> system;
    private final ControlJobService jobs;
    private final JobEvents events;
    private final ActorRef<SchedulerCommand> scheduler;
    private final Asking asking;
    private final SecretSeal seal;

    ControlLogService(ActorSystem<?> system, ControlJobService jobs, JobEvents events,
                      ActorRef<SchedulerCommand> scheduler, Asking asking, SecretSeal seal) {
        this.seal = seal;
        this.system = system;
        this.jobs = jobs;
        this.events = events;
        this.scheduler = scheduler;
        this.asking = asking;
    }

    @Override
    public CompletionStage<Source<ByteString, NotUsed>> logs(Caller caller, JobId id, LogStream stream,
                                                             boolean follow, Integer attempt) {
        return jobs.get(caller, id).thenCompose(job -> events.of(id).thenCompose(log -> source(id, stream, follow,
                attempt, log)).thenApply(source -> masked(source, job)));
    }

    /** The job's own secret values masked in what it printed (see {@link SecretMask}). */
    private Source<ByteString, NotUsed> masked(Source<ByteString, NotUsed> source, Job job) {
        List<String> secrets;
        try {
            secrets = seal.openValues(job.spec()); // the job record holds them sealed
        } catch (SecretUnreadableException unreadable) {
            // Without its values the output cannot be masked: it is not shown.
            throw new ServiceException.Conflict("the job's output cannot be shown: " + unreadable.getMessage());
        }
        if (new SecretMask(secrets).masksNothing()) { // most jobs: no stage at all
            return source;
        }
        return source.statefulMap(() -> new SecretMask(secrets),
                (mask, chunk) -> Pair.create(mask, ByteString.fromArray(mask.feed(chunk.toArray()))),
                mask -> Optional.of(ByteString.fromArray(mask.finish())))
                .filter(bytes -> !bytes.isEmpty());
    }

    private CompletionStage<Source<ByteString, NotUsed>> source(JobId id, LogStream stream, boolean follow,
                                                                Integer attempt, List<JobEvent> log) {
        List<Placed> placements = placements(log);
        if (attempt != null) {
            Placed named = placements.stream().filter(p -> p.attempt() == attempt).findFirst()
                    .orElseThrow(() -> new ServiceException.NotFound("job '" + id + "' has no attempt " + attempt
                            + (placements.isEmpty() ? "; it has not been placed yet"
                                    : "; its attempts are 1 to " + placements.get(placements.size() - 1).attempt())));
            return locate(named).thenApply(agent -> {
                if (agent == null) {
                    throw gone(id, named);
                }
                return read(agent, id, named.attempt(), stream, follow ? Reading.FOLLOW : Reading.ONCE);
            });
        }
        if (follow) { // from the latest attempt placed now, or the first one to come
            int after = placements.isEmpty() ? 0 : placements.get(placements.size() - 1).attempt() - 1;
            return CompletableFuture.completedFuture(followJob(id, stream, after));
        }
        if (placements.isEmpty()) {
            return CompletableFuture.completedFuture(Source.<ByteString>empty());
        }
        Placed latest = placements.get(placements.size() - 1);
        return locate(latest).thenApply(agent -> {
            if (agent == null) {
                throw gone(id, latest);
            }
            return read(agent, id, latest.attempt(), stream, Reading.ONCE);
        });
    }

    /**
     * The job's attempts after {@code after} one after the other until the job ends: each
     * attempt's log followed to its end, then the next attempt waited for.
     */
    private Source<ByteString, NotUsed> followJob(JobId id, LogStream stream, int after) {
        return Source.unfoldAsync(after, last -> nextAttempt(id, last)
                .thenApply(next -> next.map(scheduled -> Pair.create(scheduled.attempt(),
                        attemptLog(id, scheduled, stream, last > after)))))
                .flatMapConcat(attempt -> attempt);
    }

    /** The first attempt after {@code after}, once placed; empty when the job ended without one. */
    private CompletionStage<Optional<Placed>> nextAttempt(JobId id, int after) {
        return events.of(id).thenCompose(log -> {
            Optional<Placed> next = placements(log).stream().filter(p -> p.attempt() > after).findFirst();
            if (next.isPresent() || ended(log)) {
                return CompletableFuture.completedFuture(next);
            }
            return Patterns.after(FOLLOW_POLL, system.classicSystem().scheduler(), system.executionContext(),
                    () -> nextAttempt(id, after));
        });
    }

    /** One attempt's log, followed until that attempt is over; headed by where it ran when another came before it. */
    private Source<ByteString, NotUsed> attemptLog(JobId id, Placed attempt, LogStream stream,
                                                   boolean headed) {
        Source<ByteString, NotUsed> header = headed
                ? Source.single(ByteString.fromString("==> attempt " + attempt.attempt() + " on "
                        + new TreeSet<>(attempt.allocation().keySet()).first() + " <==\n"))
                : Source.empty();
        Source<ByteString, NotUsed> body = Source.completionStage(locate(attempt)).flatMapConcat(agent -> agent == null
                ? Source.single(ByteString.fromString("(" + gone(id, attempt).getMessage() + ")\n"))
                : read(agent, id, attempt.attempt(), stream, Reading.UNTIL_OVER));
        // A node lost mid-read ends this attempt's part with a note; the next attempt is still followed.
        return header.concat(body.recoverWithRetries(1, RuntimeException.class, () -> Source.single(ByteString.fromString(
                "(the log of attempt " + attempt.attempt() + " could not be read further)\n"))));
    }

    /** When a read of one attempt's log stops, once it has caught up with what the attempt wrote. */
    private enum Reading {
        /** At once: what there is now. */
        ONCE,
        /** When the attempt ends. */
        FOLLOW,
        /** When it ends, an attempt its agent does not know yet (placed, not started) waited for until the job's events say it is over. */
        UNTIL_OVER
    }

    private Source<ByteString, NotUsed> read(ActorRef<AgentCommand> agent, JobId id, int attempt, LogStream stream,
                                             Reading reading) {
        return Source.unfoldAsync(new Position(0L, reading), at -> chunk(agent, id, attempt, stream, at.offset())
                .thenCompose(chunk -> {
                    if (chunk.found() && chunk.data().length > 0) {
                        return CompletableFuture.completedFuture(Optional.of(Pair.create(
                                new Position(chunk.nextOffset(), at.reading()), ByteString.fromArray(chunk.data()))));
                    }
                    return nextReading(chunk, at, id, attempt).thenCompose(next -> {
                        if (next == null) {
                            return CompletableFuture.completedFuture(Optional.<Pair<Position, ByteString>>empty());
                        }
                        var again = Optional.of(Pair.create(new Position(at.offset(), next), ByteString.emptyByteString()));
                        // Nothing new yet: wait, then emit nothing and read again from the same offset
                        // (at once for the last read of an attempt that is over).
                        return next == at.reading()
                                ? Patterns.after(FOLLOW_POLL, system.classicSystem().scheduler(),
                                        system.executionContext(), () -> CompletableFuture.completedFuture(again))
                                : CompletableFuture.completedFuture(again);
                    });
                })).filter(bytes -> !bytes.isEmpty());
    }

    /** Where a read has got to in an attempt's log, and how it goes on. */
    private record Position(long offset, Reading reading) {}

    /** How to read on after a chunk with nothing new; null to stop. */
    private CompletionStage<Reading> nextReading(LogChunk chunk, Position at, JobId id, int attempt) {
        Reading reading = at.reading();
        long offset = at.offset();
        if (reading == Reading.UNTIL_OVER && !chunk.found()) {
            // Over by its events: the attempt may have started, written and ended since the chunk was
            // asked for, so read once more; its agent knew it before its end was written.
            return events.of(id).thenApply(log -> over(log, attempt) ? Reading.ONCE : Reading.UNTIL_OVER);
        }
        boolean more = reading != Reading.ONCE && !chunk.ended() && (chunk.found() || offset > 0);
        return CompletableFuture.completedFuture(more ? reading : null);
    }

    private CompletionStage<ActorRef<AgentCommand>> locate(Placed attempt) {
        NodeId node = new TreeSet<>(attempt.allocation().keySet()).first();
        return asking.<SchedulerCommand, SchedulerCommand.AgentLocation>ask(scheduler,
                replyTo -> new SchedulerCommand.LocateAgent(node, replyTo), "a log lookup")
                .thenApply(SchedulerCommand.AgentLocation::agent);
    }

    private static ServiceException.NotFound gone(JobId id, Placed attempt) {
        return new ServiceException.NotFound("the logs of attempt " + attempt.attempt() + " of job '" + id
                + "' were on node " + new TreeSet<>(attempt.allocation().keySet()).first() + ", which is gone");
    }

    /** Where an attempt ran: placed from the queue, or by a resize of the attempt before. */
    private record Placed(int attempt, Map<NodeId, List<Integer>> allocation) {}

    private static List<Placed> placements(List<JobEvent> log) {
        List<Placed> placed = new java.util.ArrayList<>();
        for (JobEvent event : log) {
            if (event instanceof JobEvent.Scheduled scheduled) {
                placed.add(new Placed(scheduled.attempt(), scheduled.allocation()));
            } else if (event instanceof JobEvent.Resized resized) {
                placed.add(new Placed(resized.attempt(), resized.allocation()));
            }
        }
        return placed;
    }

    private static boolean ended(List<JobEvent> log) {
        return log.stream().anyMatch(JobEvent.Finished.class::isInstance);
    }

    /** The attempt was requeued or ended the job (the agent may never have heard of it). */
    private static boolean over(List<JobEvent> log, int attempt) {
        return log.stream().anyMatch(event -> event instanceof JobEvent.Requeued requeued && requeued.attempt() == attempt
                || event instanceof JobEvent.Finished finished && finished.attempt() == attempt) || ended(log);
    }

    private CompletionStage<LogChunk> chunk(ActorRef<AgentCommand> agent, JobId id, int attempt, LogStream stream,
                                            long offset) {
        return asking.ask(agent, (ActorRef<LogChunk> replyTo) -> new AgentCommand.ReadLog(id, attempt, stream, offset,
                CHUNK_BYTES, replyTo), "a log read");
    }
}
