package org.gantry.ops.tls;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.JobId;
import org.gantry.api.job.JobSpec;
import org.gantry.api.job.ProcessWorkload;
import org.gantry.api.protocol.AgentCommand.NameTaken;
import org.gantry.api.protocol.AgentCommand.StartJob;
import org.gantry.api.protocol.AgentCommand.StopJob;
import org.gantry.api.protocol.MemberRoles;
import org.gantry.api.protocol.Rendezvous;
import org.gantry.api.protocol.identity.CommandSignature;
import org.gantry.api.protocol.identity.CommandSigner;
import org.gantry.api.protocol.identity.CommandVerifier;
import org.gantry.api.tenant.TenantId;
import org.junit.jupiter.api.Test;

/**
 * Commands signed with a control plane's cluster key (CommandSigner) and checked by an agent
 * (CommandVerifier), with certificates from a real cluster CA: only a control certificate from
 * this CA, for this node, over exactly these fields, issued lately, lets an agent act.
 */
class SignedCommandsTest {
    private static final Instant NOW = Instant.now(); // the certificates below are valid from 5 minutes ago
    private static final ClusterCa CA = ClusterCa.create("test-cluster");
    private static final NodeCredentials CONTROL = issue(CA, "ctl", MemberRoles.CONTROL);

    private final CommandSigner control = signer(CONTROL, NOW);
    private final CommandVerifier gpu1 = verifier("gpu-1", NOW);

    private static NodeCredentials issue(ClusterCa ca, String name, String role) {
        return ca.issue(name, List.of(role), List.of("127.0.0.1"), Duration.ofDays(1));
    }

    private static CommandSigner signer(NodeCredentials credentials, Instant at) {
        return CommandSigner.of(credentials.key(), credentials.certificate(), Clock.fixed(at, ZoneOffset.UTC));
    }

    private static CommandVerifier verifier(String node, Instant at) {
        return CommandVerifier.of(List.of(CA.certificate()), node, Clock.fixed(at, ZoneOffset.UTC));
    }

    private static JobSpec spec(Map<String, String> env) {
        return JobSpec.builder("train", GpuRequest.fixed(1),
                new ProcessWorkload(List.of("python", "train.py"), env, Map.of(), "/work"))
                .tenant(TenantId.of("vision")).build();
    }

    private static StartJob start(JobSpec spec, int attempt) {
        return new StartJob(JobId.of("j-1"), attempt, spec, Map.of(NodeId.of("gpu-1"), List.of(0, 1)), null,
                new Rendezvous("10.0.0.1", 29500));
    }

    private static Map<String, String> env(String... keysAndValues) {
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            env.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return env;
    }

    private StartJob signedStart() {
        StartJob start = start(spec(env("A", "1", "B", "2")), 1);
        return start.signed(control.sign(start, "gpu-1"));
    }

    @Test
    void aStartSignedByTheControlPlaneForThisNodeIsTakenWhateverTheMapOrderItArrivesIn() {
        StartJob signed = signedStart();
        assertThat(gpu1.refusal(signed, signed.signature())).isEmpty();
        // The same command as another JVM reads it back: equal, with its maps in another order.
        StartJob readBack = start(spec(env("B", "2", "A", "1")), 1).signed(signed.signature());
        assertThat(gpu1.refusal(readBack, readBack.signature())).isEmpty();
    }

    @Test
    void anAlteredFieldBreaksTheSignature() {
        StartJob signed = signedStart();
        CommandSignature signature = signed.signature();
        List<StartJob> altered = List.of(
                start(spec(env("A", "1", "B", "3")), 1).signed(signature),
                start(spec(env("A", "1", "B", "2")), 2).signed(signature),
                new StartJob(JobId.of("j-2"), 1, signed.spec(), signed.allocation(), null, signed.rendezvous(),
                        signature),
                new StartJob(signed.job(), 1, signed.spec(), Map.of(NodeId.of("gpu-1"), List.of(0, 1, 2, 3)), null,
                        signed.rendezvous(), signature),
                new StartJob(signed.job(), 1, signed.spec(), signed.allocation(), null,
                        new Rendezvous("10.6.6.6", 29500), signature),
                signed.signed(new CommandSignature("gpu-1", signature.issuedAt().plusMillis(1),
                        signature.certificate(), signature.value())));
        for (StartJob start : altered) {
            assertThat(gpu1.refusal(start, start.signature())).as(start.toString())
                    .hasValueSatisfying(why -> assertThat(why).contains("signature does not match"));
        }
    }

    @Test
    void aStopIsSignedOverItsReasonAndGraceAndAStartsSignatureDoesNotMakeAStop() {
        StopJob stop = new StopJob(JobId.of("j-1"), 1, "cancelled", Duration.ofSeconds(10), null);
        CommandSignature signature = control.sign(stop, "gpu-1");
        assertThat(gpu1.refusal(stop, signature)).isEmpty();
        StopJob harsher = new StopJob(JobId.of("j-1"), 1, "cancelled", Duration.ZERO, null);
        assertThat(gpu1.refusal(harsher, signature)).isPresent();

        StartJob start = signedStart();
        StopJob stopOfThatStart = new StopJob(start.job(), start.attempt(), "x", Duration.ZERO, null);
        assertThat(gpu1.refusal(stopOfThatStart, start.signature())).isPresent();
    }

    @Test
    void aNameRefusalIsSignedOverTheNameAndReason() {
        NameTaken taken = new NameTaken(NodeId.of("gpu-1"), "another agent holds gpu-1", null);
        CommandSignature signature = control.sign(taken, "gpu-1");
        assertThat(gpu1.refusal(taken, signature)).isEmpty();
        NameTaken other = new NameTaken(NodeId.of("gpu-1"), "made up", null);
        assertThat(gpu1.refusal(other, signature)).isPresent();
    }

    @Test
    void aCommandForAnotherNodeIsRefused() {
        StartJob signed = signedStart();
        assertThat(verifier("gpu-2", NOW).refusal(signed, signed.signature()))
                .hasValueSatisfying(why -> assertThat(why).contains("for node gpu-1, not gpu-2"));
        // Renaming the node in the signature does not help: the node is signed as well.
        StartJob renamed = signed.signed(new CommandSignature("gpu-2", signed.signature().issuedAt(),
                signed.signature().certificate(), signed.signature().value()));
        assertThat(verifier("gpu-2", NOW).refusal(renamed, renamed.signature()))
                .hasValueSatisfying(why -> assertThat(why).contains("signature does not match"));
    }

    @Test
    void aStaleOrFarFutureCommandIsRefusedAndOneWithinTheWindowTaken() {
        StartJob signed = signedStart();
        assertThat(verifier("gpu-1", NOW.plus(Duration.ofMinutes(4))).refusal(signed, signed.signature())).isEmpty();
        assertThat(verifier("gpu-1", NOW.plus(Duration.ofMinutes(6))).refusal(signed, signed.signature()))
                .hasValueSatisfying(why -> assertThat(why).contains("a replay, or clocks that disagree"));
        assertThat(verifier("gpu-1", NOW.minus(Duration.ofMinutes(6))).refusal(signed, signed.signature()))
                .hasValueSatisfying(why -> assertThat(why).contains("a replay, or clocks that disagree"));
    }

    @Test
    void aControlCertificateFromAnotherCaIsRefused() {
        NodeCredentials foreign = issue(ClusterCa.create("other-cluster"), "ctl", MemberRoles.CONTROL);
        StartJob start = start(spec(env()), 1);
        CommandSignature signature = signer(foreign, NOW).sign(start, "gpu-1");
        assertThat(gpu1.refusal(start, signature))
                .hasValueSatisfying(why -> assertThat(why).contains("not issued by this cluster's CA"));
    }

    @Test
    void aGpuNodesCertificateSignsNothingAnAgentTakes() {
        NodeCredentials gpuNode = issue(CA, "gpu-9", MemberRoles.GPU_NODE);
        StartJob start = start(spec(env()), 1);
        CommandSignature signature = signer(gpuNode, NOW).sign(start, "gpu-1");
        assertThat(gpu1.refusal(start, signature))
                .hasValueSatisfying(why -> assertThat(why).contains("is not a 'control' member's"));
        // Nor does it pass by putting the control plane's certificate next to its own signature.
        CommandSignature borrowed = new CommandSignature(signature.node(), signature.issuedAt(),
                control.sign(start, "gpu-1").certificate(), signature.value());
        assertThat(gpu1.refusal(start, borrowed))
                .hasValueSatisfying(why -> assertThat(why).contains("signature does not match"));
    }

    @Test
    void anAgentInThisJvmTakesTheInProcessProofButNeverACopyOfItThatTravelled() throws Exception {
        Config local = ConfigFactory.parseString("pekko.actor.provider = local").withFallback(ConfigFactory.load());
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "in-process", local);
        try {
            StartJob start = start(spec(env()), 1);
            CommandSignature proof = control.signFor(system, start, "gpu-1");
            assertThat(proof.value()).as("no signature made for an agent in this JVM").isNull();
            assertThat(gpu1.refusal(start, proof)).isEmpty();
            ObjectMapper json = new ObjectMapper().findAndRegisterModules();
            CommandSignature travelled = json.readValue(json.writeValueAsString(proof), CommandSignature.class);
            assertThat(travelled).isEqualTo(proof);
            assertThat(gpu1.refusal(start, travelled)).as("a copy is checked as a signature, and is none").isPresent();
        } finally {
            system.terminate();
        }
    }

    @Test
    void aSignerCertificateCheckedOnceIsStillRefusedOnceItExpires() {
        MovingClock clock = new MovingClock(NOW);
        CommandSigner signer = CommandSigner.of(CONTROL.key(), CONTROL.certificate(), clock);
        CommandVerifier verifier = CommandVerifier.of(List.of(CA.certificate()), "gpu-1", clock);
        StartJob start = start(spec(env()), 1);
        assertThat(verifier.refusal(start, signer.sign(start, "gpu-1"))).isEmpty();
        assertThat(verifier.refusal(start, signer.sign(start, "gpu-1"))).as("checked again from memory").isEmpty();
        clock.now = NOW.plus(Duration.ofDays(2)); // the certificate was issued for one day
        assertThat(verifier.refusal(start, signer.sign(start, "gpu-1")))
                .hasValueSatisfying(why -> assertThat(why).contains("or not valid now"));
    }

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        private Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void anUnsignedOrGarbledCommandIsRefused() {
        StartJob start = start(spec(env()), 1);
        assertThat(gpu1.refusal(start, null)).hasValueSatisfying(why -> assertThat(why).contains("not signed"));
        assertThat(gpu1.refusal(start, new CommandSignature("gpu-1", NOW, "not base64!", "x")))
                .hasValueSatisfying(why -> assertThat(why).contains("cannot be read"));
        CommandSignature real = control.sign(start, "gpu-1");
        assertThat(gpu1.refusal(start, new CommandSignature("gpu-1", NOW, real.certificate(), "AAAA")))
                .hasValueSatisfying(why -> assertThat(why).contains("signature does not match"));
    }
}
