package org.gantry.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.gantry.agent.run.ReplicaRestarts;
import org.junit.jupiter.api.Test;

class RestartBudgetTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void backoffDoublesUpToItsCapAndTheWindowHoldsAtMostTheAllowedRestarts() {
        RestartBudget budget = new RestartBudget(new ReplicaRestarts(4, Duration.ofMinutes(10), Duration.ofMillis(500),
                Duration.ofSeconds(1)));

        assertThat(budget.grant(T0)).contains(Duration.ofMillis(500));
        assertThat(budget.grant(T0.plusSeconds(1))).contains(Duration.ofSeconds(1));
        assertThat(budget.grant(T0.plusSeconds(2))).as("capped").contains(Duration.ofSeconds(1));
        assertThat(budget.grant(T0.plusSeconds(3))).contains(Duration.ofSeconds(1));
        assertThat(budget.grant(T0.plusSeconds(4))).as("four in ten minutes are spent").isEqualTo(Optional.empty());
        assertThat(budget.spent()).contains("4 times in the last 10m");

        // Ten minutes after the first, it has left the window: one more, at the backoff three earlier ones give.
        assertThat(budget.grant(T0.plus(Duration.ofMinutes(10)).plusMillis(1))).contains(Duration.ofSeconds(1));
        assertThat(budget.total()).isEqualTo(5);
    }

    @Test
    void aQuietWindowStartsTheBackoffOver() {
        RestartBudget budget = new RestartBudget(ReplicaRestarts.DEFAULT);
        budget.grant(T0);
        budget.grant(T0.plusSeconds(5));

        assertThat(budget.grant(T0.plus(Duration.ofHours(1)))).contains(ReplicaRestarts.DEFAULT.firstBackoff());
    }
}
