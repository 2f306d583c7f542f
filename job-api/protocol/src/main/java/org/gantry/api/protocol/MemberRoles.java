package org.gantry.api.protocol;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.ClusterActorRefProvider;
import org.apache.pekko.cluster.ClusterEvent.CurrentClusterState;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.gantry.api.protocol.identity.CertifiedIdentity;
import org.gantry.api.protocol.identity.PeerCertificates;
import org.slf4j.Logger;

/**
 * Who may say what on the cluster: whether the actor a message names as its sender lives on a
 * cluster member with a given role. Agents take commands only from {@value #CONTROL} members;
 * the control plane takes reports only from {@value #GPU_NODE} members.
 *
 * <p>A sender in this JVM counts as this node itself, with this node's roles: a message that
 * names a ref at our own address came from outside as easily as from inside. A JVM without
 * remoting (unit tests) hears only itself, so every sender passes there.
 *
 * <p>With TLS on the cluster port, a remote member's announced roles count only as far as the
 * certificate its node presented names them (its OUs), and an agent may speak only for the node
 * its certificate names (its CN): a holder of one node's certificate cannot join as a control
 * plane, nor report as another node. A member whose certificate this node has not seen yet is
 * refused until it has (see {@link PeerCertificates}). Without TLS, roles are as announced.
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
    /** What remote members proved at the TLS handshake; null when the cluster port speaks no TLS. */
    private final PeerCertificates certificates;
    private CurrentClusterState indexed;
    private final Map<Address, Member> members = new HashMap<>();

    private MemberRoles(Cluster cluster, PeerCertificates certificates) {
        this.cluster = cluster;
        this.certificates = certificates;
    }

    public static MemberRoles of(ActorSystem<?> system) {
        ExtendedActorSystem classic = (ExtendedActorSystem) system.classicSystem();
        if (!(classic.provider() instanceof ClusterActorRefProvider)) {
            return new MemberRoles(null, null);
        }
        return new MemberRoles(Cluster.get(system),
                PeerCertificates.tlsOn(classic) ? PeerCertificates.get(classic) : null);
    }

    /**
     * Whether {@code sender} is on a live member (not down, not removed) that has {@code role},
     * and, with cluster TLS, whose certificate names that role.
     */
    public boolean sentBy(ActorRef<?> sender, String role) {
        if (cluster == null) {
            return true;
        }
        if (sender == null) {
            return false;
        }
        Address address = sender.path().address();
        boolean local = address.hasLocalScope();
        Member member = local ? cluster.selfMember() : member(address);
        return member != null && member.hasRole(role) && member.status() != MemberStatus.down()
                && member.status() != MemberStatus.removed()
                && (local || certified(address, identity -> identity.roles().contains(role), "a '" + role + "' member"));
    }

    /**
     * Whether {@code sender} may speak for node {@code node}: with cluster TLS, only when its
     * member's certificate names that node; in this JVM or without TLS, always.
     */
    public boolean mayClaim(ActorRef<?> sender, String node) {
        if (cluster == null) {
            return true;
        }
        if (sender == null) {
            return false;
        }
        Address address = sender.path().address();
        return address.hasLocalScope() || certified(address, identity -> identity.node().equals(node), "node " + node);
    }

    /**
     * Whether to drop {@code message} because its {@code sender} is not on a {@code role} member
     * (see {@link #sentBy}). A refusal is logged by kind and sender, never with the message, and
     * not answered: whoever asked learns nothing, not even that it was heard.
     */
    public boolean refuses(Object message, ActorRef<?> sender, String role, Logger log) {
        if (sentBy(sender, role)) {
            return false;
        }
        log.warn("Refused a {} from {}: not a member with the '{}' role", message.getClass().getSimpleName(),
                describe(sender), role);
        return true;
    }

    private boolean certified(Address address, Predicate<CertifiedIdentity> right, String what) {
        return certificates == null || certificates.grants(address, right, what);
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
