package org.gantry.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gantry.api.http.Fakes.AUDIO_TOKEN;
import static org.gantry.api.http.Fakes.VISION_TOKEN;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class ModelRoutesTest extends RouteTestBase {

    @Test
    void aModelAnswersTheFieldsTheDesignFixes() {
        JsonNode model = assertJson(get("/api/v1/models/houses", VISION_TOKEN), 200);

        assertThat(model.path("name").asText()).isEqualTo("houses");
        assertThat(model.path("version").asInt()).isEqualTo(2);
        assertThat(model.path("job").asText()).isEqualTo("job-2");
        assertThat(model.path("target").asText()).isEqualTo("price");
        assertThat(model.path("features").toString()).isEqualTo("[\"rooms\",\"area\"]");
        assertThat(model.path("metrics").path("validationMae").asDouble()).isEqualTo(1.5);
        assertThat(model.path("metrics").path("validationMse").asDouble()).isEqualTo(2.25);
        assertThat(model.path("createdAt").asText()).isEqualTo("2025-01-02T03:04:05Z");
    }

    @Test
    void listsVersionsAndPicksOne() {
        assertThat(assertJson(get("/api/v1/models", VISION_TOKEN), 200).path("models")).hasSize(1);
        assertThat(assertJson(get("/api/v1/models/houses/versions", VISION_TOKEN), 200).path("versions")).hasSize(2);
        assertThat(assertJson(get("/api/v1/models/houses?version=1", VISION_TOKEN), 200).path("version").asInt())
                .isEqualTo(1);
    }

    @Test
    void badParametersAndOtherTenantsAreRefusedClearly() {
        assertThat(assertProblem(get("/api/v1/models/houses?version=first", VISION_TOKEN), 400, "invalid-parameter")
                .toString()).contains("version");
        assertProblem(get("/api/v1/models?tenant=vision", AUDIO_TOKEN), 403, "forbidden");
        assertProblem(get("/api/v1/models/houses", AUDIO_TOKEN), 404, "not-found");
        assertProblem(get("/api/v1/models/Not_A_Name", VISION_TOKEN), 404, "not-found");
        assertProblem(get("/api/v1/models/houses?version=9", VISION_TOKEN), 404, "not-found");
    }

    @Test
    void predictionsPassThroughAndAModelWithoutReplicasSaysWhenToComeBack() {
        String rows = "{\"rows\": [{\"rooms\": 3, \"area\": 70}]}";
        JsonNode answer = assertJson(post("/api/v1/models/houses/predict", VISION_TOKEN, rows), 200);
        assertThat(answer.path("predictions").get(0).asInt()).as("the fake answers the body's length")
                .isEqualTo(rows.length());

        HttpResponse<String> busy = post("/api/v1/models/cars/predict", VISION_TOKEN, rows);
        assertProblem(busy, 503, "unavailable");
        assertThat(busy.headers().firstValue("Retry-After")).hasValue("2");
        assertProblem(post("/api/v1/models/houses/predict", AUDIO_TOKEN, rows), 404, "not-found");
    }
}
