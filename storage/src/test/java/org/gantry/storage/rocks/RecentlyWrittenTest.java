package org.gantry.storage.rocks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentlyWrittenTest {

    @Test
    void keepsTheLatestValuesAndForgetsOnesOverwrittenByALaterOrdering() {
        RecentlyWritten recent = new RecentlyWritten(4);
        for (long ordering = 1; ordering <= 6; ordering++) {
            recent.put(ordering, "event " + ordering);
        }
        assertThat(recent.get(6)).isEqualTo("event 6");
        assertThat(recent.get(3)).isEqualTo("event 3");
        assertThat(recent.get(2)).as("its slot now holds 6").isNull();
        assertThat(recent.get(7)).as("never put").isNull();
    }

    @Test
    void clearForgetsEverything() {
        RecentlyWritten recent = new RecentlyWritten(4);
        recent.put(1, "event 1");
        recent.clear();
        assertThat(recent.get(1)).isNull();
    }
}
