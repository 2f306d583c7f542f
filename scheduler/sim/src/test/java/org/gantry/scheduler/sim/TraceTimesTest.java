package org.gantry.scheduler.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Philly timestamps read without the formatter on the common path: the same seconds, the same errors. */
class TraceTimesTest {
    private static final DateTimeFormatter WRITTEN = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    @Test
    void everyTimeReadsAsTheFormatterReadsIt() {
        var random = new Random(14);
        for (int i = 0; i < 20_000; i++) {
            LocalDateTime time = LocalDateTime.of(1960 + random.nextInt(120), 1, 1, 0, 0)
                    .plusSeconds((long) (random.nextDouble() * 366 * 86_400));
            String cell = time.format(WRITTEN);
            assertThat(TraceFormat.epochSeconds(cell)).as(cell).isEqualTo(time.toEpochSecond(ZoneOffset.UTC));
        }
        assertThat(TraceFormat.epochSeconds(" 2016-02-29 23:59:59 ")).isEqualTo(1_456_790_399L);
        assertThat(TraceFormat.epochSeconds("1970-01-01 00:00:00")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2017-02-29 10:00:00", "2016-02-30 10:00:00", "2017-04-31 10:00:00", "2017-13-01 10:00:00",
            "2017-00-10 10:00:00", "2017-10-00 10:00:00", "2017-10-09 24:00:00", "2017-10-09 10:60:00",
            "2017-10-09 10:00:60", "2017-10-09T10:00:00", "2017/10/09 10:00:00", "2017-10-9 10:00:00", "2017-1a-09 10:00:00"})
    void whatIsNotARealTimeIsRefusedWithTheSameWords(String cell) {
        assertThatThrownBy(() -> TraceFormat.epochSeconds(cell)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timestamp must look like 2017-10-09 07:01:55, got '" + cell + "'");
    }
}
