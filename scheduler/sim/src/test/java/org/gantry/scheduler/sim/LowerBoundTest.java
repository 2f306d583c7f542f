package org.gantry.scheduler.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The lower bound on mean completion time: SRPT on one machine as fast as the cluster, or the mean duration. */
class LowerBoundTest {

    /** A job written "submit:gpus:duration". */
    private static List<TraceJob> jobs(String... specs) {
        var jobs = new ArrayList<TraceJob>();
        for (String spec : specs) {
            String[] parts = spec.split(":");
            jobs.add(new TraceJob("j" + jobs.size(), "t", "", Long.parseLong(parts[0]), Long.parseLong(parts[2]),
                    Integer.parseInt(parts[1])));
        }
        return jobs;
    }

    static Stream<Arguments> srpt() {
        return Stream.of(
                // one job of 3 GPUs x 10 s on a machine doing 4 GPU-s per second: done at 7.5
                Arguments.of("one job, faster machine", jobs("0:3:10"), 4, 7.5),
                // A and B (work 200 each) together at 0, speed 2: A ends 100, B 200 -> (100+200)/2
                Arguments.of("two equal jobs together", jobs("0:2:100", "0:2:100"), 2, 150.0),
                // B (work 60) before A (work 100), speed 2: B ends 30, A ends 30+50 = 80 -> 55
                Arguments.of("two jobs together, shortest first", jobs("0:1:100", "0:2:30"), 2, 55.0),
                // A (100) runs 0-10, B (20) arrives with less left than A's 90 and preempts it:
                // B ends 30 (response 20), A ends 120 (response 120) -> 70; without preemption 105
                Arguments.of("a short job preempts a long one", jobs("0:1:100", "10:1:20"), 1, 70.0),
                // B (50) arrives at 60 when A has 40 left: A keeps going, ends 100 (response 100);
                // B ends 150 (response 90) -> 95
                Arguments.of("a longer newcomer does not preempt", jobs("0:1:100", "60:1:50"), 1, 95.0),
                // an idle gap: each job runs alone
                Arguments.of("idle between jobs", jobs("0:1:10", "100:1:10"), 1, 10.0),
                // work A 8, B 4, C 4 on speed 4: A runs 0-1 (4 left); at 1 B ties A at 4, one of them
                // ends at 2; at 2 C (4) arrives and ties the other: they end at 3 and 4. Whichever
                // order the ties take, the responses add up to 6: e.g. A 2, B 3-1, C 4-2 -> 6 / 3
                Arguments.of("ties and a queue", jobs("0:2:4", "1:1:4", "2:4:1"), 4, 2.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("srpt")
    void srptOnOneFastMachine(String name, List<TraceJob> jobs, int speed, double meanResponse) {
        assertThat(LowerBound.srptMeanResponse(jobs, speed)).isEqualTo(meanResponse);
    }

    @Test
    void theBoundIsTheLargerOfSrptAndTheMeanDuration() {
        // SRPT wins: two 2-GPU jobs of 100 s on 2 GPUs cannot both end by 100
        assertThat(LowerBound.averageJctSeconds(jobs("0:2:100", "0:2:100"), 2)).isEqualTo(150.0);
        // the mean duration wins: SRPT on the fast machine gives 55, but no job ends faster than it runs
        assertThat(LowerBound.averageJctSeconds(jobs("0:1:100", "0:2:30"), 2)).isEqualTo(65.0);
        // one 3-GPU job: SRPT says 7.5 on 4 GPUs of speed, but it takes 10 s
        assertThat(LowerBound.averageJctSeconds(jobs("0:3:10"), 4)).isEqualTo(10.0);
        // preemption case: SRPT 70 > mean duration 60
        assertThat(LowerBound.averageJctSeconds(jobs("0:1:100", "10:1:20"), 1)).isEqualTo(70.0);
    }

    @Test
    void noJobsHaveNoBound() {
        assertThat(LowerBound.averageJctSeconds(List.of(), 8)).isZero();
    }
}
