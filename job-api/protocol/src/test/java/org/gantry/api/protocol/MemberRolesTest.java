package org.gantry.api.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.Test;

/** A sender in this JVM has this node's roles; a JVM without remoting trusts what it hears, as only it can speak. */
class MemberRolesTest {
    @Test
    void aLocalSenderHasThisMembersRolesAndNoMore() throws InterruptedException {
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "roles", ConfigFactory.parseString(
                "pekko.actor.provider = cluster\n"
                        + "pekko.remote.artery.canonical.hostname = 127.0.0.1\n"
                        + "pekko.remote.artery.canonical.port = 0\n"
                        + "pekko.cluster.roles = [gpu-node]").withFallback(ConfigFactory.load()));
        try {
            Cluster cluster = Cluster.get(system);
            cluster.manager().tell(Join.create(cluster.selfMember().address()));
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (cluster.selfMember().status() != MemberStatus.up() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            ActorRef<String> local = system.systemActorOf(Behaviors.ignore(), "sender", Props.empty());
            MemberRoles roles = MemberRoles.of(system);

            assertThat(roles.sentBy(local, MemberRoles.GPU_NODE)).isTrue();
            assertThat(roles.sentBy(local, MemberRoles.CONTROL)).isFalse();
            assertThat(roles.sentBy(null, MemberRoles.GPU_NODE)).isFalse();
        } finally {
            system.terminate();
        }
    }

    @Test
    void aJvmWithoutRemotingTakesEverySender() {
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "local", ConfigFactory.parseString(
                "pekko.actor.provider = local").withFallback(ConfigFactory.load()));
        try {
            assertThat(MemberRoles.of(system).sentBy(null, MemberRoles.CONTROL)).isTrue();
        } finally {
            system.terminate();
        }
    }
}
