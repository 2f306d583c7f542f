package org.gantry.scheduler.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ForecastPacingTest {
    private final ForecastPacing pacing = new ForecastPacing();

    @Test
    void theFirstForecastIsDueAtOnceWhenJobsWaitAndNeverWhenNoneDo() {
        assertTrue(pacing.due(0, true));
        assertFalse(pacing.due(0, false));
    }

    @Test
    void oneForecastAtATime() {
        pacing.started(1_000);
        assertFalse(pacing.due(60_000, true), "still in flight a minute later");
        pacing.ended(61_000);
        assertFalse(pacing.due(61_001, true));
    }

    @Test
    void aQuickForecastIsRepeatedEveryTenSeconds() {
        pacing.started(1_000);
        pacing.ended(1_050);
        assertFalse(pacing.due(1_050 + ForecastPacing.EVERY_MILLIS - 1, true));
        assertTrue(pacing.due(1_050 + ForecastPacing.EVERY_MILLIS, true));
    }

    @Test
    void aLongForecastWaitsNineTimesWhatItTookSoItKeepsATenthOfACore() {
        pacing.started(0);
        pacing.ended(4_000); // a queue of thousands: 4 s of forecasting
        assertFalse(pacing.due(4_000 + ForecastPacing.EVERY_MILLIS, true), "ten seconds would be 2/7 of a core");
        assertFalse(pacing.due(4_000 + 36_000 - 1, true));
        assertTrue(pacing.due(4_000 + 36_000, true));
    }

    @Test
    void theWaitFollowsTheLatestForecastNotTheLongestEver() {
        pacing.started(0);
        pacing.ended(5_000);
        pacing.started(50_000);
        pacing.ended(50_100); // the queue drained: forecasts are quick again
        assertTrue(pacing.due(50_100 + ForecastPacing.EVERY_MILLIS, true));
    }
}
