package org.gantry.api.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gantry.api.json.Bodies.exampleWith;

import java.time.Duration;
import org.gantry.api.job.JobSpec;
import org.gantry.api.validation.ReadResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The duration forms the contract accepts, shown on timeLimit; every duration field reads the same way. */
class DurationFormsTest {

    @ParameterizedTest(name = "{0} → {1}s")
    @CsvSource(delimiter = '|', value = {
        "'\"PT2H\"'          | 7200",
        "7200                | 7200",
        "'\"7200\"'          | 7200",
        "'\" 7200 \"'        | 7200",
        "'\"P1DT2H\"'        | 93600",
        "'\"PT4H30M\"'       | 16200",
        "31536000            | 31536000",
    })
    void accepts(String json, long seconds) {
        JobSpec spec = JobSpecReader.read(exampleWith("/timeLimit", json)).orThrow();

        assertThat(spec.timeLimit()).isEqualTo(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "'\"2h\"'                   | '2h' is not a duration: use ISO-8601 like \"PT2H\" or a number of seconds like 7200",
        "'\"\"'                     | '' is not a duration",
        "'\"-PT1H\"'                | must be positive, got PT-1H",
        "0                          | must be positive, got PT0S",
        "'\"0\"'                    | must be positive, got PT0S",
        "-5                         | must be positive, got PT-5S",
        "7200.5                     | must be a whole number of seconds, got 7200.5",
        "31536001                   | must be at most 365 days",
        "'\"P366D\"'                | must be at most 365 days, got PT8784H",
        "'\"99999999999999999999\"' | must be at most 365 days, got 99999999999999999999 seconds",
        "99999999999999999999       | must be at most 365 days",
        "[7200]                     | must be a duration, got an array",
    })
    void rejects(String json, String message) {
        ReadResult<JobSpec> result = JobSpecReader.read(exampleWith("/timeLimit", json));

        assertThat(result.violations()).singleElement().satisfies(violation -> {
            assertThat(violation.path()).isEqualTo("$.timeLimit");
            assertThat(violation.message()).contains(message);
        });
    }
}
