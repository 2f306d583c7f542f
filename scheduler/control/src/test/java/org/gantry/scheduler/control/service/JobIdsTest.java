package org.gantry.scheduler.control.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.gantry.api.job.JobId;
import org.gantry.api.tenant.TenantId;
import org.junit.jupiter.api.Test;

/** Random ids sort in the order they were made (the queue breaks ties by id); keyed ones are derived. */
class JobIdsTest {

    @Test
    void randomIdsMadeOneAfterAnotherSortInThatOrderAndAreWhole() {
        List<JobId> made = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) { // many in one millisecond, even in one microsecond
            made.add(JobIds.random());
        }
        assertThat(made).isSorted().doesNotHaveDuplicates();
        assertThat(made).allSatisfy(id -> assertThat(JobIds.isWhole(id.value())).as(id.value()).isTrue());
    }

    @Test
    void aKeyedIdIsTheSameForTheSameTenantAndKeyOnly() {
        TenantId team = TenantId.of("team");
        assertThat(JobIds.forKey(team, "k1")).isEqualTo(JobIds.forKey(team, "k1"))
                .isNotEqualTo(JobIds.forKey(team, "k2")).isNotEqualTo(JobIds.forKey(TenantId.of("lab"), "k1"));
        assertThat(JobIds.isWhole(JobIds.forKey(team, "k1").value())).isTrue();
    }
}
