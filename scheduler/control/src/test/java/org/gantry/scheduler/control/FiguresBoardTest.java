package org.gantry.scheduler.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FiguresBoardTest {

    private static ClusterFigures at(long millis) {
        return new ClusterFigures(millis, List.of(), List.of(), List.of(), List.of());
    }

    @Test
    void figuresAreCountedEveryTickWhileReadAndSeldomWhenNobodyReads() {
        FiguresBoard board = new FiguresBoard();
        long now = System.currentTimeMillis();
        assertThat(board.wanted(now)).as("nothing published yet").isTrue();

        board.publish(at(now));
        assertThat(board.wanted(now + 2_000)).as("unread and fresh: skip the walk").isFalse();
        assertThat(board.wanted(now + FiguresBoard.MAX_AGE_MILLIS)).as("unread but old").isTrue();

        board.figures(); // a scrape
        assertThat(board.wanted(System.currentTimeMillis() + 2_000)).as("read lately: every tick").isTrue();
    }
}
