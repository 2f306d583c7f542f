package org.gantry.scheduler.control;

import java.util.stream.StreamSupport;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;

/** Whether an actor lives on a cluster member that is up and reachable, as this node sees the cluster now. */
final class LiveMembers {
    private final Cluster cluster;

    LiveMembers(ActorSystem<?> system) {
        this.cluster = Cluster.get(system);
    }

    boolean hosts(ActorRef<?> actor) {
        Address address = actor.path().address();
        if (address.host().isEmpty()) {
            return true; // in this JVM
        }
        var state = cluster.state();
        boolean up = StreamSupport.stream(state.getMembers().spliterator(), false)
                .anyMatch(member -> member.address().equals(address) && member.status() == MemberStatus.up());
        boolean unreachable = state.getUnreachable().stream().anyMatch(member -> member.address().equals(address));
        return up && !unreachable;
    }
}
