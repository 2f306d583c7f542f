package org.gantry.api.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.gantry.api.job.JobSpec;
import org.gantry.api.validation.ReadResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bodies that are not a JSON object at all: one violation at $, never an exception. */
class MalformedJsonTest {

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', value = {
        "'{\"name\": \"x\",\\n \"gpus\": }' | malformed JSON at line 2, column 10",
        "'{\"name\": \"x\"'                 | malformed JSON at line 1",
        "'{} {}'                            | malformed JSON at line 1, column 4",
        "'{\"gpus\": 1, \"gpus\": 2}'       | Duplicate field 'gpus'",
        "''                                 | body is empty; expected a JSON object",
        "'   '                              | body is empty; expected a JSON object",
        "'[1, 2]'                           | must be an object, got an array",
        "'\"job\"'                          | must be an object, got a string",
        "'null'                             | must be a JSON object, got null",
    })
    void isOneViolationAtTheRoot(String body, String message) {
        String json = body.replace("\\n", "\n");
        ReadResult<JobSpec> fromString = JobSpecReader.read(json, JobSpecReader.Context.STANDALONE);
        ReadResult<JobSpec> fromBytes = JobSpecReader.read(json.getBytes(StandardCharsets.UTF_8),
                JobSpecReader.Context.STANDALONE);

        for (ReadResult<JobSpec> result : List.of(fromString, fromBytes)) {
            assertThat(result.violations()).singleElement().satisfies(violation -> {
                assertThat(violation.path()).isEqualTo("$");
                assertThat(violation.message()).contains(message);
            });
        }
    }
}
