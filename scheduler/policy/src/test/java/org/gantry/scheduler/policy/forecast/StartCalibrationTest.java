package org.gantry.scheduler.policy.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.gantry.api.job.JobId;
import org.junit.jupiter.api.Test;

class StartCalibrationTest {
    private final StartCalibration calibration = new StartCalibration();

    /** Jobs j0..j(n-1), each told at {@code told} to start 1000 s later, each starting {@code waited} s after. */
    private void observe(int n, long told, long waited) {
        for (int i = 0; i < n; i++) {
            JobId job = new JobId("j" + told + "-" + i);
            calibration.told(job, told, new StartEstimate(told + 1000, told + 500, told + 2000));
            calibration.started(job, told + waited);
        }
    }

    @Test
    void aForecastIsLeftAloneUntilEnoughStartsAreSeen() {
        observe(StartCalibration.MIN_OBSERVATIONS - 1, 0, 2000);

        StartEstimate forecast = new StartEstimate(10_600, 10_300, 11_000);
        assertThat(calibration.stretch()).isEqualTo(1.0);
        assertThat(calibration.calibrated(10_000, forecast)).isEqualTo(forecast);
    }

    @Test
    void forecastsThatRanEarlyStretchLaterOnesAndTheRangeHoldsThePoint() {
        observe(StartCalibration.MIN_OBSERVATIONS, 0, 1500); // every job waited 1.5x its forecast

        assertThat(calibration.stretch()).isEqualTo(1.5);
        StartEstimate calibrated = calibration.calibrated(10_000, new StartEstimate(10_600, 10_300, 10_800));
        assertThat(calibrated).isEqualTo(new StartEstimate(10_900, 10_300, 10_900));
    }

    @Test
    void theStretchIsTheMedianOfRecentStartsAndStaysBounded() {
        observe(StartCalibration.WINDOW, 0, 100_000); // absurdly late: clipped to the bound
        assertThat(calibration.stretch()).isEqualTo(StartCalibration.MAX_STRETCH);

        observe(StartCalibration.WINDOW / 2 + 1, 5000, 800); // the newest half and one more ran 0.8x
        assertThat(calibration.stretch()).isEqualTo(0.8);
    }

    @Test
    void onlyTheFirstForecastOfAJobCountsAndJobsThatStartAtOnceTeachNothing() {
        assertThat(StartCalibration.MIN_OBSERVATIONS).isEqualTo(10); // the median below counts ten
        JobId job = new JobId("j-1");
        calibration.told(job, 0, new StartEstimate(1000, 500, 2000));
        calibration.told(job, 500, new StartEstimate(600, 550, 700)); // later forecasts do not replace the first
        JobId soon = new JobId("j-soon");
        calibration.told(soon, 0, new StartEstimate(10, 0, 30)); // under a minute: says little about bias

        assertThat(calibration.remembers(job)).isTrue();
        assertThat(calibration.remembers(soon)).isFalse();
        observe(5, 0, 1000); // ratio 1
        observe(4, 1, 5000); // ratio 5
        calibration.started(job, 3000); // ratio 3000 / 1000 = 3, not 2500 / 100 = 25
        assertThat(calibration.stretch()).isEqualTo(2.0); // median of 1,1,1,1,1,3,5,5,5,5
    }

    @Test
    void jobsThatLeaveWithoutStartingAreForgotten() {
        JobId cancelled = new JobId("j-cancelled");
        JobId waiting = new JobId("j-waiting");
        calibration.told(cancelled, 0, new StartEstimate(1000, 500, 2000));
        calibration.told(waiting, 0, new StartEstimate(1000, 500, 2000));

        calibration.retainWaiting(Set.of(waiting));

        assertThat(calibration.remembers(cancelled)).isFalse();
        assertThat(calibration.remembers(waiting)).isTrue();
    }

    @Test
    void tellingAndCalibratingARunRemembersTheRawForecastAndShowsTheStretchedOne() {
        observe(StartCalibration.MIN_OBSERVATIONS, 0, 2000);
        JobId job = new JobId("j-new");

        Map<JobId, StartEstimate> shown = calibration.tellAndCalibrate(10_000,
                Map.of(job, new StartEstimate(10_400, 10_200, 11_000)));

        assertThat(shown.get(job)).isEqualTo(new StartEstimate(10_800, 10_200, 11_000));
        calibration.started(job, 10_400); // ran exactly as forecast: one ratio of 1 beside many of 2
        assertThat(calibration.stretch()).isEqualTo(2.0);
    }
}
