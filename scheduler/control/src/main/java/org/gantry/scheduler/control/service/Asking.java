package org.gantry.scheduler.control.service;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.gantry.api.service.ServiceException;

/** Asks an actor for a service, turning a missing answer into "try again shortly" (503), not a 500. */
final class Asking {
    private final ActorSystem<?> system;
    private final Duration timeout;

    Asking(ActorSystem<?> system, Duration timeout) {
        this.system = system;
        this.timeout = timeout;
    }

    <Req, Res> CompletionStage<Res> ask(RecipientRef<Req> target, Function<ActorRef<Res>, Req> message, String what) {
        return AskPattern.ask(target, message::apply, timeout, system.scheduler())
                .exceptionally(failure -> {
                    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                    if (cause instanceof TimeoutException) { // Pekko's AskTimeoutException is one
                        throw new ServiceException.Unavailable("the control plane did not answer " + what + " within "
                                + timeout.toSeconds() + " s; it may be starting or recovering: retry shortly");
                    }
                    throw failure instanceof CompletionException c ? c : new CompletionException(cause);
                });
    }
}
