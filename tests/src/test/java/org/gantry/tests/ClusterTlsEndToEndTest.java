package org.gantry.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.cluster.NodeInfo;
import org.gantry.api.cluster.NodeStatus;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.JobId;
import org.gantry.api.job.JobSpec;
import org.gantry.api.job.ProcessWorkload;
import org.gantry.api.tenant.TenantId;
import org.gantry.api.protocol.AgentCommand;
import org.gantry.api.protocol.AgentEvent;
import org.gantry.api.protocol.AgentKeys;
import org.gantry.api.protocol.ExitCause;
import org.gantry.api.protocol.identity.CommandSigner;
import org.gantry.ops.node.GantryNode;
import org.gantry.ops.node.NodeOptions;
import org.gantry.ops.node.NodeRoles;
import org.gantry.ops.tls.CertificateAuthorityDir;
import org.gantry.ops.tls.ClusterTlsDir;
import org.gantry.ops.tls.ClusterCa;
import org.gantry.ops.tls.NodeCredentials;
import org.gantry.ops.tls.NodeRequest;
import org.gantry.scheduler.control.service.Tokens;
import org.gantry.tests.support.Api;
import org.gantry.tests.support.Eventually;
import org.gantry.tests.support.GantryJvm;
import org.gantry.tests.support.JvmCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster port with mutual TLS, over real JVMs on loopback: a {@code gantry control} and a
 * {@code gantry agent} with certificates from one CA run jobs; an agent with a certificate from
 * another CA, and one speaking plain TCP (real Artery frames), try to join and never become
 * nodes, so nothing is ever started on them; raw bytes sent to the port are dropped.
 */
class ClusterTlsEndToEndTest {
    private static final String ADMIN = Tokens.generate();
    private static final Duration TRYING = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private JvmCluster cluster;
    private CertificateAuthorityDir ours;
    private ClusterCa ca;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /**
     * The cluster CA in {@code dir/certs}, a control JVM and agent gpu-1 (one GPU) with its
     * certificates, running; the admin's client.
     */
    private Api startTlsCluster() {
        ours = new CertificateAuthorityDir(dir.resolve("certs"));
        ca = ours.openOrCreate();
        cluster = new JvmCluster(dir, ADMIN);
        Api admin = cluster.startControl(List.of("--cluster-tls-dir", issue("ctl", "control").dir().toString()));
        cluster.startAgent("gpu-1", "--gpus", "1", "--cluster-tls-dir",
                issue("gpu-1", NodeRoles.GPU_NODE).dir().toString());
        cluster.awaitNodes(admin, 1);
        return admin;
    }

    private ClusterTlsDir issue(String name, String role) {
        return ours.issue(ca, NodeRequest.parse(name + "@127.0.0.1", role), Duration.ofDays(1));
    }

    @Test
    void onlyNodesWithTheClustersCertificatesJoinAndRunJobs() throws Exception {
        Api admin = startTlsCluster();
        CertificateAuthorityDir theirs = new CertificateAuthorityDir(dir.resolve("foreign-certs"));
        Path foreign = theirs.issue(theirs.openOrCreate(), NodeRequest.parse("gpu-9@127.0.0.1", "agent"),
                Duration.ofDays(1)).dir();

        GantryJvm stranger = cluster.startAgent("gpu-9", "--gpus", "2", "--cluster-tls-dir", foreign.toString());
        GantryJvm plain = cluster.startAgent("gpu-8", "--gpus", "2");
        assertRawBytesAreDropped(cluster.clusterPort());
        Eventually.await("the foreign-CA agent to be refused at the TLS handshake", TRYING,
                () -> stranger.output().contains("SSLHandshakeException"), cluster::logs);
        Eventually.await("both intruders to have tried to join twice", TRYING,
                () -> stranger.output().contains("Couldn't join seed nodes after [2] attempts")
                        && plain.output().contains("Couldn't join seed nodes after [2] attempts"), cluster::logs);
        assertThat(nodeNames(admin)).as(cluster.logs()).containsExactly("gpu-1");

        Api tenant = cluster.tenant(admin, "tls", 1, 1);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Api.Answer submitted = tenant.post("/api/v1/jobs", "{\"name\":\"tls-" + i + "\",\"gpus\":1,"
                    + "\"workload\":{\"kind\":\"process\",\"command\":[\"sh\",\"-c\",\"echo over tls\"]}}");
            assertThat(submitted.status()).as(submitted.raw()).isEqualTo(201);
            ids.add(submitted.body().get("id").asText());
        }
        for (String id : ids) {
            Eventually.await("job " + id + " to succeed", TRYING,
                    () -> "SUCCEEDED".equals(tenant.get("/api/v1/jobs/" + id).body().path("state").asText()),
                    cluster::logs);
            JsonNode attempts = tenant.get("/api/v1/jobs/" + id).body().get("attempts");
            assertThat(attempts).as(attempts.toString()).hasSize(1);
            assertThat(attempts.get(0).get("allocation").fieldNames()).toIterable().containsExactly("gpu-1");
            assertThat(tenant.get("/api/v1/jobs/" + id + "/logs").raw()).contains("over tls");
        }
        assertThat(nodeNames(admin)).containsExactly("gpu-1");
        assertThat(workDirsUnder(dir.resolve("gpu-9"))).isEmpty();
        assertThat(workDirsUnder(dir.resolve("gpu-8"))).isEmpty();
        assertThat(stranger.isAlive()).isTrue(); // refused, not crashed: it was there to be refused all along
    }

    /**
     * A member with a valid certificate but without the control role (a GPU node gone bad, run
     * here in the test's JVM, holding a second certificate for gpu-1, as a re-issue would make):
     * its StartJob to another agent is refused and runs nothing, and its report claiming the name
     * of the live gpu-1 is refused by the control plane.
     */
    @Test
    void aMemberWithoutTheControlRoleCannotCommandAgentsNorTakeANodesName() throws Exception {
        Api admin = startTlsCluster();
        GantryJvm agent = cluster.agent("gpu-1");
        ClusterTlsDir rogueTls = new ClusterTlsDir(dir.resolve("reissued-gpu-1"));
        ca.issue("gpu-1", List.of(NodeRoles.GPU_NODE), List.of("127.0.0.1"), Duration.ofDays(1))
                .writeTo(rogueTls, "reissued-password".toCharArray(), true);

        ActorSystem<Void> rogue = GantryNode.start(new NodeOptions(Set.of(NodeRoles.GPU_NODE), "127.0.0.1", 0,
                List.of("127.0.0.1:" + cluster.clusterPort()), dir.resolve("rogue"), rogueTls));
        try {
            Eventually.await("the rogue member to be up", TRYING,
                    () -> Cluster.get(rogue).selfMember().status() == MemberStatus.up(), cluster::logs);
            String rogueAddress = "pekko://gantry@" + GantryNode.seedAddress(rogue);
            ActorRef<AgentCommand> impostor = rogue.systemActorOf(Impostor.create("gpu-1"), "impostor",
                    Props.empty());
            Eventually.await("the control plane to refuse the rogue's report as node gpu-1", TRYING,
                    () -> cluster.control().output().contains("Refused an agent at " + rogueAddress),
                    cluster::logs);

            Path marker = dir.resolve("started-by-rogue");
            ActorRef<AgentCommand> victim = agentRef(rogue, agent);
            JobSpec spec = JobSpec.builder("rogue", GpuRequest.fixed(1),
                    ProcessWorkload.of("sh", "-c", "touch " + marker)).tenant(TenantId.of("victim")).build();
            victim.tell(new AgentCommand.StartJob(JobId.of("j-rogue"), 1, spec,
                    Map.of(NodeId.of("gpu-1"), List.of(0)), asEvents(impostor)));
            Eventually.await("the agent to refuse the rogue's StartJob", TRYING,
                    () -> agent.output().contains("refused a StartJob from " + rogueAddress), cluster::logs);
            Thread.sleep(2000); // a start it had taken would have spawned the process by now
            assertThat(marker).doesNotExist();
            assertThat(nodeNames(admin)).containsExactly("gpu-1");
            assertThat(admin.get("/api/v1/nodes").body().get("nodes").get(0).path("status").asText())
                    .isNotEqualTo("LOST");
        } finally {
            rogue.terminate();
        }
    }

    /**
     * What a GPU node's certificate (gpu-9's, valid and from the cluster CA) lets a JVM do: one
     * that joins announcing the control role is no control plane to the agent (its StartJob runs
     * nothing); one that joins as a GPU node cannot register under a name its certificate does not
     * name (a free one, gpu-7), nor end another node's running job with a made-up exit.
     */
    @Test
    void aGpuNodesCertificateGrantsNeitherTheControlRoleNorAnotherNodesName() throws Exception {
        Api admin = startTlsCluster();
        GantryJvm agent = cluster.agent("gpu-1");
        ClusterTlsDir gpu9 = issue("gpu-9", NodeRoles.GPU_NODE);
        Api tenant = cluster.tenant(admin, "busy", 1, 1);
        String running = runningOnGpu1(tenant);

        ActorSystem<Void> posingAsControl = joinWith(gpu9, NodeRoles.CONTROL, "posing-as-control");
        ActorSystem<Void> posingAsGpu7 = joinWith(gpu9, NodeRoles.GPU_NODE, "posing-as-gpu-7");
        try {
            String controlAddress = "pekko://gantry@" + GantryNode.seedAddress(posingAsControl);
            ActorRef<Object> sink = posingAsControl.systemActorOf(Behaviors.ignore(), "sink", Props.empty());
            Path marker = dir.resolve("started-by-a-gpu-node-certificate");
            JobSpec spec = JobSpec.builder("rogue", GpuRequest.fixed(1),
                    ProcessWorkload.of("sh", "-c", "touch " + marker)).tenant(TenantId.of("victim")).build();
            agentRef(posingAsControl, agent).tell(new AgentCommand.StartJob(JobId.of("j-posing"), 1, spec,
                    Map.of(NodeId.of("gpu-1"), List.of(0)), asEvents(sink)));
            Eventually.await("the agent to refuse the StartJob of a member certified as a GPU node", TRYING,
                    () -> agent.output().contains("refused a StartJob from " + controlAddress)
                            && agent.output().contains("Cluster member " + controlAddress
                                    + " may not act as a 'control' member"), cluster::logs);

            String gpu7Address = "pekko://gantry@" + GantryNode.seedAddress(posingAsGpu7);
            ActorRef<AgentCommand> impostor = posingAsGpu7.systemActorOf(Impostor.create("gpu-7"), "impostor",
                    Props.empty());
            Eventually.await("the control plane to refuse the report as node gpu-7", TRYING,
                    () -> cluster.control().output().contains("Refused a report for node gpu-7 from " + gpu7Address
                            + ": its certificate does not name that node"), cluster::logs);
            ActorRef<AgentEvent> controlPlane = Impostor.describedBy(impostor);
            controlPlane.tell(new AgentEvent.WorkloadExited(NodeId.of("gpu-1"), JobId.of(running), 1, 0,
                    ExitCause.COMPLETED, "made up", Instant.now(), impostor));
            Eventually.await("the control plane to refuse the made-up exit", TRYING,
                    () -> cluster.control().output().contains("Refused a WorkloadExited for node gpu-1 from "
                            + gpu7Address), cluster::logs);

            Thread.sleep(2000); // a start or an exit it had taken would show by now
            assertThat(marker).doesNotExist();
            assertThat(nodeNames(admin)).containsExactly("gpu-1");
            assertThat(tenant.get("/api/v1/jobs/" + running).body().path("state").asText()).isEqualTo("RUNNING");
            assertThat(workDirsUnder(dir.resolve("gpu-1"))).noneMatch(path -> path.toString().contains("j-posing"));
        } finally {
            posingAsControl.terminate();
            posingAsGpu7.terminate();
        }
        // The cluster still runs jobs for its real members.
        cancelThenRunAnother(tenant, running);
    }

    /**
     * A member holding a valid GPU node's certificate (gpu-9's, from the cluster CA) names the real
     * control plane's actor as the sender of a StartJob and a StopJob to the real agent, which
     * Artery lets it do: the agent refuses them as unsigned, and a start the member signs with its
     * own key as signed by no control member. Nothing runs, the running job runs on, and the
     * control plane's own (signed) commands still work.
     */
    @Test
    void commandsNamingTheRealControlPlaneAsSenderNeedItsSignature() throws Exception {
        Api admin = startTlsCluster();
        GantryJvm agent = cluster.agent("gpu-1");
        Api tenant = cluster.tenant(admin, "signed", 1, 1);
        String running = runningOnGpu1(tenant);

        NodeCredentials gpu9 = ca.issue("gpu-9", List.of(NodeRoles.GPU_NODE), List.of("127.0.0.1"), Duration.ofDays(1));
        ClusterTlsDir gpu9Tls = new ClusterTlsDir(dir.resolve("gpu-9-tls"));
        gpu9.writeTo(gpu9Tls, "gpu-9-password".toCharArray(), true);
        ActorSystem<Void> rogue = joinWith(gpu9Tls, NodeRoles.GPU_NODE, "rogue-gpu-9");
        try {
            ActorRef<AgentCommand> impostor = rogue.systemActorOf(Impostor.create("gpu-9"), "impostor",
                    Props.empty());
            ActorRef<AgentEvent> controlPlane = Impostor.describedBy(impostor);
            ActorRef<AgentCommand> victim = agentRef(rogue, agent);
            Path marker = dir.resolve("started-in-the-control-planes-name");
            JobSpec spec = JobSpec.builder("rogue", GpuRequest.fixed(1),
                    ProcessWorkload.of("sh", "-c", "touch " + marker)).tenant(TenantId.of("victim")).build();
            Map<NodeId, List<Integer>> gpu0 = Map.of(NodeId.of("gpu-1"), List.of(0));

            victim.tell(new AgentCommand.StartJob(JobId.of("j-forged"), 1, spec, gpu0, controlPlane));
            victim.tell(new AgentCommand.StopJob(JobId.of(running), 1, "forged", Duration.ZERO, controlPlane));
            var selfSigned = new AgentCommand.StartJob(JobId.of("j-self-signed"), 1, spec, gpu0, controlPlane);
            victim.tell(selfSigned.signed(CommandSigner.of(gpu9.key(), gpu9.certificate(), Clock.systemUTC())
                    .sign(selfSigned, "gpu-1")));
            Eventually.await("the agent to refuse the unsigned and the GPU-node-signed commands", TRYING,
                    () -> agent.output().contains("refused a StartJob for job j-forged: it is not signed")
                            && agent.output().contains("refused a StopJob for job " + running + ": it is not signed")
                            && agent.output().contains("refused a StartJob for job j-self-signed: its signer's "
                                    + "certificate (CN=gpu-9, OU=gpu-node, O=Gantry) is not a 'control' member's"),
                    cluster::logs);

            Thread.sleep(2000); // a start or stop it had taken would show by now
            assertThat(marker).doesNotExist();
            assertThat(workDirsUnder(dir.resolve("gpu-1"))).noneMatch(path -> path.toString().contains("j-forged")
                    || path.toString().contains("j-self-signed"));
            assertThat(tenant.get("/api/v1/jobs/" + running).body().path("state").asText()).isEqualTo("RUNNING");
        } finally {
            rogue.terminate();
        }
        // The control plane's own stop and start are signed and taken.
        cancelThenRunAnother(tenant, running);
    }

    /** Submits a job that sleeps on gpu-1 (the cluster's one GPU), once it runs. */
    private String runningOnGpu1(Api tenant) {
        Api.Answer submitted = tenant.post("/api/v1/jobs", "{\"name\":\"long\",\"gpus\":1,"
                + "\"workload\":{\"kind\":\"process\",\"command\":[\"sleep\",\"600\"]}}");
        assertThat(submitted.status()).as(submitted.raw()).isEqualTo(201);
        String running = submitted.body().get("id").asText();
        Eventually.await("job " + running + " to run on gpu-1", TRYING,
                () -> "RUNNING".equals(tenant.get("/api/v1/jobs/" + running).body().path("state").asText()),
                cluster::logs);
        return running;
    }

    /** Cancels {@code running} and runs another job, which needs its GPU: both stop and start must be taken. */
    private void cancelThenRunAnother(Api tenant, String running) {
        Api.Answer cancelled = tenant.delete("/api/v1/jobs/" + running);
        assertThat(cancelled.status()).as(cancelled.raw()).isLessThan(300);
        Api.Answer next = tenant.post("/api/v1/jobs", "{\"name\":\"after\",\"gpus\":1,"
                + "\"workload\":{\"kind\":\"process\",\"command\":[\"true\"]}}");
        String after = next.body().get("id").asText();
        Eventually.await("a job after the intruders to succeed", TRYING,
                () -> "SUCCEEDED".equals(tenant.get("/api/v1/jobs/" + after).body().path("state").asText()),
                cluster::logs);
    }

    /** A member in this JVM that joins the test's cluster with {@code tls} announcing {@code role}, once up. */
    private ActorSystem<Void> joinWith(ClusterTlsDir tls, String role, String name) {
        ActorSystem<Void> system = GantryNode.start(new NodeOptions(Set.of(role), "127.0.0.1", 0,
                List.of("127.0.0.1:" + cluster.clusterPort()), dir.resolve(name), tls));
        Eventually.await("member " + name + " to be up", TRYING,
                () -> Cluster.get(system).selfMember().status() == MemberStatus.up(), cluster::logs);
        return system;
    }

    @SuppressWarnings("unchecked")
    private static ActorRef<AgentEvent> asEvents(ActorRef<?> ref) {
        return (ActorRef<AgentEvent>) ref;
    }

    /** The agent JVM's node agent, as the receptionist lists it to any member. */
    private ActorRef<AgentCommand> agentRef(ActorSystem<Void> system, GantryJvm agent) {
        List<ActorRef<AgentCommand>> found = new ArrayList<>();
        Eventually.await("the rogue to find the agent through the receptionist", TRYING, () -> {
            Receptionist.Listing listing = AskPattern.<Receptionist.Command, Receptionist.Listing>ask(
                    system.receptionist(), replyTo -> Receptionist.find(AgentKeys.AGENTS, replyTo),
                    Duration.ofSeconds(5), system.scheduler()).toCompletableFuture().join();
            found.clear();
            listing.getServiceInstances(AgentKeys.AGENTS).stream()
                    .filter(ref -> !ref.path().address().hasLocalScope()).forEach(found::add);
            return !found.isEmpty();
        }, cluster::logs);
        return found.get(0);
    }

    /**
     * Registers as an agent and, when the control plane asks who it is, claims to be {@code node};
     * it keeps the control plane that asked ({@link #describedBy}).
     */
    private static final class Impostor {
        private static final java.util.Map<ActorRef<?>, ActorRef<AgentEvent>> ASKED_BY =
                new java.util.concurrent.ConcurrentHashMap<>();

        static Behavior<AgentCommand> create(String node) {
            return Behaviors.setup(context -> {
                context.getSystem().receptionist().tell(Receptionist.register(AgentKeys.AGENTS, context.getSelf()));
                return Behaviors.receiveMessage(command -> {
                    if (command instanceof AgentCommand.Describe describe) {
                        ASKED_BY.put(context.getSelf(), describe.control());
                        describe.control().tell(new AgentEvent.AgentReport(new NodeInfo(NodeId.of(node),
                                PoolId.of("default"), List.of(), Map.of(), NodeStatus.READY), context.getSelf(),
                                List.of(), List.of(), Instant.now()));
                    }
                    return Behaviors.same();
                });
            });
        }

        /** The control plane that asked {@code impostor} to describe itself. */
        static ActorRef<AgentEvent> describedBy(ActorRef<AgentCommand> impostor) {
            Eventually.await("the control plane to ask the impostor who it is", TRYING,
                    () -> ASKED_BY.containsKey(impostor), () -> "");
            return ASKED_BY.get(impostor);
        }
    }

    private static List<String> nodeNames(Api admin) {
        List<String> names = new ArrayList<>();
        admin.get("/api/v1/nodes").body().get("nodes").forEach(node -> names.add(node.get("id").asText()));
        return names;
    }

    /** What an agent started would have left: any file in its data directory that names a job. */
    private static List<Path> workDirsUnder(Path agentData) throws IOException {
        if (!Files.exists(agentData)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(agentData)) {
            return all.filter(path -> path.getFileName().toString().startsWith("j-")).toList();
        }
    }

    /**
     * A client that skips TLS and writes what a plain-TCP Artery connection starts with, then
     * garbage: the TLS port must close the connection rather than read on.
     */
    private static void assertRawBytesAreDropped(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write("AKKA".getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[] {1, 0, 0, 0, 42});
            out.write("pekko://gantry@127.0.0.1:1 join".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            int answer;
            try {
                while ((answer = in.read()) != -1 && answer != 21) { // 21: a TLS alert record, then the close
                    // the server may answer with an alert before it closes
                }
            } catch (SocketException reset) {
                return; // closed with a reset: dropped as well
            }
        }
    }
}
