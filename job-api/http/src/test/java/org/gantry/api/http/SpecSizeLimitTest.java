package org.gantry.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gantry.api.http.Fakes.VISION_TOKEN;

import java.util.List;
import org.gantry.api.job.JobLimits;
import org.gantry.api.json.GantryJson;
import org.junit.jupiter.api.Test;

/** A spec that could not travel in one cluster message is refused at submit (413), not lost on the way. */
class SpecSizeLimitTest extends RouteTestBase {

    @Test
    void aSpecOverTheLimitIsRefusedWith413AndOneJustUnderIsTaken() {
        // Env values of 30,000 characters each: within the per-value limit, over the whole spec's once there are three.
        String value = "x".repeat(30_000);
        String big = spec("\"A\": \"" + value + "\", \"B\": \"" + value + "\", \"C\": \"" + value + "\"");
        String fits = spec("\"A\": \"" + value + "\", \"B\": \"" + value + "\"");

        var refused = post("/api/v1/jobs", VISION_TOKEN, big);
        var problem = assertProblem(refused, 413, "payload-too-large");
        assertThat(problem.path("detail").asText()).contains(String.valueOf(JobLimits.MAX_SPEC_BYTES))
                .contains("dataset");
        assertThat(post("/api/v1/jobs?dryRun=true", VISION_TOKEN, big).statusCode()).isEqualTo(413);
        assertThat(post("/api/v1/jobs", VISION_TOKEN, fits).statusCode()).as(fits.length() + " bytes").isEqualTo(201);
    }

    @Test
    void aBodyIsMeasuredAsCompactJsonNotAsSent() {
        String value = "x".repeat(30_000);
        String fits = spec("\"A\": \"" + value + "\", \"B\": \"" + value + "\"");
        String padded = fits.replace(", ", "," + " ".repeat(5_000));
        assertThat(padded.length()).isGreaterThan(JobLimits.MAX_SPEC_BYTES);

        assertThat(post("/api/v1/jobs", VISION_TOKEN, padded).statusCode()).isEqualTo(201);
    }

    /** Why a body of at most half the limit is not written again to be measured (see JobSubmission). */
    @Test
    void writtenCompactABodyAtMostDoublesItsSize() throws Exception {
        for (String number : List.of("1e9", "-1e400", "1e-400", "9E+9", "0e0", "12345678901234567890123", "1.5")) {
            String body = "[" + String.join(",", java.util.Collections.nCopies(1_000, number)) + "]";
            byte[] compact = GantryJson.mapper().writeValueAsBytes(GantryJson.mapper().readTree(body));
            assertThat(compact.length).as(number).isLessThanOrEqualTo(2 * body.length());
        }
    }

    private static String spec(String env) {
        return "{\"name\": \"big\", \"gpus\": 1, \"workload\": {\"kind\": \"process\", \"command\": [\"true\"], "
                + "\"env\": {" + env + "}}}";
    }
}
