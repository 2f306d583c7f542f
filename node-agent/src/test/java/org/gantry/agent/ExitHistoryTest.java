package org.gantry.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.apache.pekko.actor.testkit.typed.javadsl.TestInbox;
import org.apache.pekko.actor.typed.ActorRef;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.job.JobId;
import org.gantry.api.protocol.AgentEvent;
import org.gantry.api.protocol.AgentEvent.WorkloadExited;
import org.gantry.api.protocol.ExitCause;
import org.junit.jupiter.api.Test;

class ExitHistoryTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private static WorkloadExited exit(int attempt, Instant at) {
        return new WorkloadExited(NodeId.of("n"), JobId.of("j"), attempt, 0, ExitCause.COMPLETED, "ok", at, null);
    }

    @Test
    void exitsAreForgottenAfterTheKeepPeriod() {
        ExitHistory history = new ExitHistory(Duration.ofMinutes(10), 100);
        history.record(new AttemptKey(JobId.of("j"), 1), exit(1, T0), null);
        history.record(new AttemptKey(JobId.of("j"), 2), exit(2, T0.plusSeconds(300)), null);

        history.prune(T0.plusSeconds(601));

        assertThat(history.recent()).extracting(WorkloadExited::attempt).containsExactly(2);
        assertThat(history.find(new AttemptKey(JobId.of("j"), 1))).isEmpty();
        assertThat(history.find(new AttemptKey(JobId.of("j"), 2))).isPresent();
    }

    @Test
    void theOldestGoBeyondTheCap() {
        ExitHistory history = new ExitHistory(Duration.ofMinutes(10), 3);
        for (int attempt = 1; attempt <= 5; attempt++) {
            history.record(new AttemptKey(JobId.of("j"), attempt), exit(attempt, T0.plusSeconds(attempt)), null);
        }

        assertThat(history.recent()).extracting(WorkloadExited::attempt).containsExactly(3, 4, 5);
    }

    @Test
    void forgettingControlPlanesKeepsTheExitsInOrder() {
        ExitHistory history = new ExitHistory(Duration.ofMinutes(10), 100);
        ActorRef<AgentEvent> control = TestInbox.<AgentEvent>create().getRef();
        for (int attempt = 1; attempt <= 3; attempt++) {
            history.record(new AttemptKey(JobId.of("j"), attempt), exit(attempt, T0.plusSeconds(attempt)), control);
        }

        history.forgetControlPlanes();

        assertThat(history.recent()).extracting(WorkloadExited::attempt).containsExactly(1, 2, 3);
        assertThat(history.find(new AttemptKey(JobId.of("j"), 2)).orElseThrow().control()).isNull();
    }
}
