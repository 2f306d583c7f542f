package org.gantry.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gantry.api.http.Fakes.VISION_TOKEN;

import org.gantry.api.job.JobLimits;
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

    private static String spec(String env) {
        return "{\"name\": \"big\", \"gpus\": 1, \"workload\": {\"kind\": \"process\", \"command\": [\"true\"], "
                + "\"env\": {" + env + "}}}";
    }
}
