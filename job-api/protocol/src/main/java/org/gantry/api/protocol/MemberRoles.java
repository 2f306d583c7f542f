package org.gantry.api.protocol;

import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.ClusterActorRefProvider;
import org.apache.pekko.cluster.ClusterEvent.CurrentClusterState;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * Who may say what on the cluster: whether the actor a message names as its sender lives on a
 * cluster member with a given role. Agents take commands only from {@value #CONTROL} members;
 * the control plane takes reports only from {@value #GPU_NODE} members.
 *
 * <p>A sender in this JVM counts as this node itself, with this node's roles: a message that
 * names a ref at our own address came from outside as easily as from inside. A JVM without
 * remoting (unit tests) hears only itself, so every sender passes there.
 *
 * <p>Not thread-safe: one per actor, used from its message handlers. The member lookup is
 * rebuilt only when the cluster state changes, so a heartbeat costs a map lookup.
 */
public final class MemberRoles {
    /** The role of control-plane members. */
    public static final String CONTROL = "control";
    /** The role of GPU node members (agents). */
    public static final String GPU_NODE = "gpu-node";

    private final Cluster cluster;
    private CurrentClusterState indexed;
    private final Map<Address, Member> members = new HashMap<>();

    private MemberRoles(Cluster cluster) {
        this.cluster = cluster;
    }

    public static MemberRoles of(ActorSystem<?> system) {
        boolean clustered = ((ExtendedActorSystem) system.classicSystem()).provider() instanceof ClusterActorRefProvider;
        return new MemberRoles(clustered ? Cluster.get(system) : null);
    }

    /** Whether {@code sender} is on a live member (not down, not removed) that has {@code role}. */
    public boolean sentBy(ActorRef<?> sender, String role) {
        if (cluster == null) {
            return true;
        }
        if (sender == null) {
            return false;
        }
        Address address = sender.path().address();
        Member member = address.hasLocalScope() ? cluster.selfMember() : member(address);
        return member != null && member.hasRole(role) && member.status() != MemberStatus.down()
                && member.status() != MemberStatus.removed();
    }

    /**
     * Whether {@code actor} lives on a member that is up and that this node can reach now: an
     * agent there still holds its node's name. In this JVM (or without remoting) it always is.
     */
    public boolean upAndReachable(ActorRef<?> actor) {
        if (cluster == null || actor.path().address().hasLocalScope()) {
            return true;
        }
        Member member = member(actor.path().address());
        return member != null && member.status() == MemberStatus.up()
                && !cluster.state().getUnreachable().contains(member);
    }

    private Member member(Address address) {
        CurrentClusterState state = cluster.state();
        if (state != indexed) {
            members.clear();
            state.getMembers().forEach(member -> members.put(member.address(), member));
            indexed = state;
        }
        return members.get(address);
    }

    /** The roles a refusal names, for its log line. */
    public static String describe(ActorRef<?> sender) {
        return sender == null ? "a sender that did not name itself" : String.valueOf(sender.path().address());
    }
}
