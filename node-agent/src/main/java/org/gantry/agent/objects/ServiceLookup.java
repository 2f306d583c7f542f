package org.gantry.agent.objects;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.gantry.api.protocol.MemberRoles;

/**
 * Finds a control-plane service through the receptionist, asking again every 200 ms while none
 * is listed (a control node starting, or its singleton moving), until {@code timeout}.
 */
final class ServiceLookup {
    private static final Duration PAUSE = Duration.ofMillis(200);

    private ServiceLookup() {}

    /** {@code what} names the service in the failure: "no object store in the cluster after 30 s". */
    static <T> CompletionStage<ActorRef<T>> find(ActorSystem<?> system, ServiceKey<T> key, String what,
                                                 Duration timeout) {
        return find(system, key, what, timeout, System.nanoTime() + timeout.toNanos());
    }

    private static <T> CompletionStage<ActorRef<T>> find(ActorSystem<?> system, ServiceKey<T> key, String what,
                                                         Duration timeout, long deadline) {
        return AskPattern.<Receptionist.Command, Receptionist.Listing>ask(system.receptionist(),
                        replyTo -> Receptionist.find(key, replyTo), timeout, system.scheduler())
                .thenCompose(listing -> {
                    // Only a control member's service counts: another member could list one to collect
                    // checkpoints and models, or hand out poisoned ones (with TLS, as its certificate says).
                    MemberRoles members = MemberRoles.of(system);
                    Optional<ActorRef<T>> found = listing.getServiceInstances(key).stream()
                            .filter(service -> members.sentBy(service, MemberRoles.CONTROL)).findFirst();
                    if (found.isPresent()) {
                        return CompletableFuture.completedFuture(found.get());
                    }
                    if (System.nanoTime() > deadline) {
                        throw new CompletionException(new IllegalStateException("no " + what + " in the cluster "
                                + "after " + timeout.toSeconds() + " s: is a control node up?"));
                    }
                    CompletableFuture<Void> pause = new CompletableFuture<>();
                    system.scheduler().scheduleOnce(PAUSE, () -> pause.complete(null), system.executionContext());
                    return pause.thenCompose(paused -> find(system, key, what, timeout, deadline));
                });
    }
}
