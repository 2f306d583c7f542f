package org.gantry.ops.node.downing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.AbstractActorWithTimers;
import org.apache.pekko.actor.Address;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.Reachability;
import org.gantry.ops.node.NodeRoles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The downing actor on every Gantry node (see {@link HubDowningProvider}): keeps one look at the
 * cluster up to date from its events, and once that look has held still for
 * {@code stable-after} (or kept changing for twice that), downs what {@link DowningPolicy}
 * says, each member once.
 */
final class HubDowning extends AbstractActorWithTimers {
    private static final Logger LOG = LoggerFactory.getLogger(HubDowning.class);

    private enum Tick { INSTANCE }

    private final Cluster cluster = Cluster.get(getContext().getSystem());
    private final Duration stableAfter;
    /** Who finds whom unreachable: Pekko tells it only through its own resolver's event. */
    private Set<DowningPolicy.Observation> unreachable = Set.of();
    private DowningPolicy.Picture picture;
    private long stableSince = System.nanoTime();
    private long unstableSince;
    private final Set<String> downed = new HashSet<>();

    HubDowning(Duration stableAfter) {
        this.stableAfter = stableAfter;
    }

    @Override
    public void preStart() {
        // Membership and reachability only: gossip's SeenChanged, by far the most frequent, changes neither.
        cluster.subscribe(getSelf(), ClusterEvent.initialStateAsEvents(), ClusterEvent.MemberEvent.class,
                ClusterEvent.ReachabilityEvent.class, ClusterEvent.ReachabilityChanged.class);
        Duration tick = stableAfter.dividedBy(4).isZero() ? Duration.ofMillis(100) : stableAfter.dividedBy(4);
        getTimers().startTimerAtFixedRate(Tick.INSTANCE, Tick.INSTANCE, tick);
    }

    @Override
    public void postStop() {
        cluster.unsubscribe(getSelf());
    }

    @Override
    public Receive createReceive() {
        return receiveBuilder()
                .match(ClusterEvent.ReachabilityChanged.class, changed -> {
                    unreachable = observations(changed.reachability());
                    look();
                })
                .match(ClusterEvent.MemberEvent.class, event -> look())
                .match(ClusterEvent.ReachabilityEvent.class, event -> look())
                .matchEquals(Tick.INSTANCE, tick -> decideIfSettled())
                .build();
    }

    private static Set<DowningPolicy.Observation> observations(Reachability reachability) {
        Set<DowningPolicy.Observation> found = new HashSet<>();
        for (Reachability.Record record : CollectionConverters.asJava(reachability.records())) {
            if (record.status() != Reachability.Reachable$.MODULE$) {
                found.add(new DowningPolicy.Observation(record.observer().toString(), record.subject().toString()));
            }
        }
        return found;
    }

    /** A fresh look; a change restarts the wait for a settled one. */
    private void look() {
        List<Member> controls = new ArrayList<>();
        Set<String> agents = new HashSet<>();
        for (Member member : cluster.state().getMembers()) {
            MemberStatus status = member.status();
            if (status == MemberStatus.down() || status == MemberStatus.exiting() || status == MemberStatus.removed()) {
                continue;
            }
            if (member.hasRole(NodeRoles.CONTROL)) {
                controls.add(member);
            } else {
                agents.add(member.uniqueAddress().toString());
            }
        }
        controls.sort((a, b) -> a.isOlderThan(b) ? -1 : b.isOlderThan(a) ? 1 : 0);
        Set<String> members = new HashSet<>(agents);
        controls.forEach(control -> members.add(control.uniqueAddress().toString()));
        Set<DowningPolicy.Observation> current = new HashSet<>();
        unreachable.stream().filter(seen -> members.contains(seen.observer()) && members.contains(seen.subject()))
                .forEach(current::add);
        DowningPolicy.Picture next = new DowningPolicy.Picture(cluster.selfUniqueAddress().toString(),
                controls.stream().map(control -> control.uniqueAddress().toString()).toList(), Set.copyOf(agents),
                Set.copyOf(current));
        if (!next.equals(picture)) {
            long now = System.nanoTime();
            if (picture == null || picture.unreachable().isEmpty()) {
                unstableSince = now;
            }
            picture = next;
            stableSince = now;
        }
    }

    private void decideIfSettled() {
        if (picture == null || picture.unreachable().isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        boolean settled = now - stableSince >= stableAfter.toNanos();
        boolean unsettledTooLong = now - unstableSince >= 2 * stableAfter.toNanos();
        if (!settled && !unsettledTooLong) {
            return;
        }
        Map<String, Address> addresses = new HashMap<>();
        cluster.state().getMembers().forEach(member -> addresses.put(member.uniqueAddress().toString(),
                member.address()));
        DowningPolicy.decide(picture).forEach((member, why) -> {
            Address address = addresses.get(member);
            if (address != null && downed.add(member)) {
                LOG.warn("Downing {}: {} (unreachable: {}{})", member, why, picture.unreachable(),
                        settled ? "" : "; still changing after " + 2 * stableAfter.toMillis() + " ms");
                cluster.down(address);
            }
        });
    }
}
