package org.gantry.ops.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.gantry.api.protocol.MemberRoles;
import org.gantry.ops.node.GantryNode;
import org.gantry.ops.node.NodeOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Roles and node names bound to certificates, over real Artery TLS between actor systems in this
 * JVM: a member counts in a role, and as a node, only as far as the certificate it presented on
 * the cluster port says, whatever it announced when it joined.
 */
class CertifiedMemberRolesTest {
    private static final long WAIT_NANOS = Duration.ofSeconds(60).toNanos();

    @TempDir
    Path dir;

    @Test
    void aMemberHasOnlyTheRoleAndNameItsCertificateNames() throws Exception {
        CertificateAuthorityDir certs = new CertificateAuthorityDir(dir.resolve("certs"));
        ClusterCa ca = certs.openOrCreate();
        ActorSystem<Void> control = start(certs, ca, "ctl", MemberRoles.CONTROL, MemberRoles.CONTROL, List.of());
        String seed = GantryNode.seedAddress(control);
        ActorSystem<Void> agent = null;
        ActorSystem<Void> impostor = null;
        try {
            agent = start(certs, ca, "gpu-1", MemberRoles.GPU_NODE, MemberRoles.GPU_NODE, List.of(seed));
            // A GPU node's certificate, in a JVM that announces the control role.
            impostor = start(certs, ca, "gpu-9", MemberRoles.GPU_NODE, MemberRoles.CONTROL, List.of(seed));
            awaitMembers(control, 3);
            MemberRoles roles = MemberRoles.of(control);
            ActorRef<Object> onAgent = refOn(control, agent);
            ActorRef<Object> onImpostor = refOn(control, impostor);

            awaitTrue("the agent's role to be certified", () -> roles.sentBy(onAgent, MemberRoles.GPU_NODE));
            assertThat(roles.mayClaim(onAgent, "gpu-1")).isTrue();
            assertThat(roles.mayClaim(onAgent, "gpu-2")).isFalse();
            assertThat(roles.sentBy(onAgent, MemberRoles.CONTROL)).isFalse();

            awaitTrue("the control plane to have dialled the impostor",
                    () -> roles.mayClaim(onImpostor, "gpu-9"));
            assertThat(roles.sentBy(onImpostor, MemberRoles.CONTROL)).as("announced, not certified").isFalse();
            assertThat(roles.sentBy(onImpostor, MemberRoles.GPU_NODE)).as("certified, not announced").isFalse();
            assertThat(roles.mayClaim(onImpostor, "gpu-1")).isFalse();

            // The agent's own view: the control plane is what it says, the impostor is not.
            MemberRoles agentRoles = MemberRoles.of(agent);
            ActorRef<Object> controlSeenByAgent = refOn(agent, control);
            awaitTrue("the agent to certify the control plane",
                    () -> agentRoles.sentBy(controlSeenByAgent, MemberRoles.CONTROL));
            assertThat(agentRoles.sentBy(refOn(agent, impostor), MemberRoles.CONTROL)).isFalse();
        } finally {
            for (ActorSystem<?> system : new ActorSystem<?>[] {impostor, agent, control}) {
                if (system != null) {
                    system.terminate();
                }
            }
        }
    }

    @Test
    void aNodeStartingWithAnotherNodesCertificateIsToldBeforeItStarts() {
        CertificateAuthorityDir certs = new CertificateAuthorityDir(dir.resolve("certs"));
        ClusterCa ca = certs.openOrCreate();
        ClusterTlsDir gpu = certs.issue(ca, NodeRequest.parse("gpu-1@127.0.0.1", MemberRoles.GPU_NODE),
                Duration.ofDays(1));

        gpu.requireIdentity(MemberRoles.GPU_NODE, "gpu-1");
        assertThatThrownBy(() -> gpu.requireIdentity(MemberRoles.GPU_NODE, "gpu-2"))
                .hasMessageContaining("is for node 'gpu-1', not 'gpu-2'")
                .hasMessageContaining("gantry certs --agent gpu-2@HOST");
        assertThatThrownBy(() -> gpu.requireIdentity(MemberRoles.CONTROL, null))
                .hasMessageContaining("not a 'control' node")
                .hasMessageContaining("gantry certs --control NAME@HOST");
    }

    private ActorSystem<Void> start(CertificateAuthorityDir certs, ClusterCa ca, String name, String certifiedRole,
                                    String announcedRole, List<String> seeds) {
        ClusterTlsDir tls = certs.issue(ca, NodeRequest.parse(name + "@127.0.0.1", certifiedRole), Duration.ofDays(1));
        return GantryNode.start(new NodeOptions(Set.of(announcedRole), "127.0.0.1", 0, seeds,
                dir.resolve("data-" + name), tls));
    }

    /** An actor ref at {@code other}'s address as {@code from} sees it: a remote ref, the way a message names its sender. */
    private static ActorRef<Object> refOn(ActorSystem<?> from, ActorSystem<?> other) {
        String address = Cluster.get(other).selfMember().address().toString();
        return ActorRefResolver.get(from).resolveActorRef(address + "/user/someone");
    }

    private static void awaitMembers(ActorSystem<?> system, int count) throws InterruptedException {
        awaitTrue(count + " members up", () -> StreamSupport.stream(
                Cluster.get(system).state().getMembers().spliterator(), false)
                .filter(member -> member.status() == MemberStatus.up()).count() == count);
    }

    private static void awaitTrue(String what, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited for " + what).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
