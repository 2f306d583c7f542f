package org.gantry.ops.node.downing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.cluster.DowningProvider;
import scala.Option;
import scala.concurrent.duration.FiniteDuration;

/**
 * Gantry's downing provider ({@code pekko.cluster.downing-provider-class}): {@link HubDowning} on
 * every node, deciding by {@link DowningPolicy}, after the cluster has held still for
 * {@code gantry.node.downing.stable-after}. Shards and singletons of a downed node move only
 * that long after it was downed, as with Pekko's resolver.
 */
public final class HubDowningProvider extends DowningProvider {
    private final Duration stableAfter;

    public HubDowningProvider(ActorSystem system) {
        this.stableAfter = system.settings().config().getDuration("gantry.node.downing.stable-after");
    }

    @Override
    public FiniteDuration downRemovalMargin() {
        return new FiniteDuration(stableAfter.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public Option<Props> downingActorProps() {
        Duration after = stableAfter;
        return Option.apply(Props.create(HubDowning.class, () -> new HubDowning(after)));
    }
}
