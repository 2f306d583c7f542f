package org.gantry.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gantry.api.http.Fakes.ADMIN_TOKEN;
import static org.gantry.api.http.Fakes.AUDIO_TOKEN;
import static org.gantry.api.http.Fakes.VISION_TOKEN;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

class DatasetRoutesTest extends RouteTestBase {

    @Test
    void anUploadIsCreatedThenReplacedAndAnswersTheFieldsTheDesignFixes() {
        JsonNode created = assertJson(putCsv("/api/v1/datasets/cars", VISION_TOKEN, "speed,price\n1,2\n3,4\n5,6\n"), 201);
        assertThat(created.path("name").asText()).isEqualTo("cars");
        assertThat(created.path("tenant").asText()).isEqualTo("vision");
        assertThat(created.path("columns").toString()).isEqualTo("[\"speed\",\"price\"]");
        assertThat(created.path("rows").asLong()).isEqualTo(3);
        assertThat(created.path("bytes").asLong()).isEqualTo(24);
        assertThat(created.has("sha256")).isTrue();
        assertThat(created.path("createdAt").asText()).isEqualTo("2025-01-02T03:04:05Z");

        assertJson(putCsv("/api/v1/datasets/cars", VISION_TOKEN, "speed,price\n1,2\n"), 200);
        assertThat(assertJson(get("/api/v1/datasets/cars", VISION_TOKEN), 200).path("rows").asLong()).isEqualTo(1);
        assertThat(assertJson(get("/api/v1/datasets", VISION_TOKEN), 200).path("datasets").findValuesAsText("name"))
                .contains("cars", "houses");
        assertThat(delete("/api/v1/datasets/cars", VISION_TOKEN).statusCode()).isEqualTo(204);
        assertProblem(get("/api/v1/datasets/cars", VISION_TOKEN), 404, "not-found");
    }

    @Test
    void aBadFileIsA422NamingLineAndColumn() {
        JsonNode problem = assertProblem(putCsv("/api/v1/datasets/bad", VISION_TOKEN, "rooms,price\n1,2\n3,abc\n"),
                422, "invalid-request");
        assertThat(problem.path("detail").asText()).contains("line 3, column 2");
        assertThat(problem.path("errors").get(0).path("path").asText()).isEqualTo("line 3, column 2");
        assertProblem(get("/api/v1/datasets/bad", VISION_TOKEN), 404, "not-found");
    }

    @Test
    void aBodyAnnouncedLargerThanTheCapIsA413BeforeItIsRead() {
        String big = "a\n" + "1\n".repeat((int) Fakes.Datasets.MAX_BYTES);
        JsonNode problem = assertProblem(putCsv("/api/v1/datasets/big", VISION_TOKEN, big), 413, "payload-too-large");
        assertThat(problem.path("detail").asText()).contains("gantry.datasets.max-bytes");
    }

    @Test
    void anotherTenantsDatasetIsNotFoundAndNamesAndTypesAreChecked() {
        assertProblem(get("/api/v1/datasets/houses", AUDIO_TOKEN), 404, "not-found");
        assertProblem(delete("/api/v1/datasets/houses", AUDIO_TOKEN), 404, "not-found");
        assertThat(assertJson(get("/api/v1/datasets", AUDIO_TOKEN), 200).path("datasets")).isEmpty();
        assertProblem(get("/api/v1/datasets?tenant=vision", AUDIO_TOKEN), 403, "forbidden");
        assertJson(get("/api/v1/datasets/houses?tenant=vision", ADMIN_TOKEN), 200);
        assertProblem(putCsv("/api/v1/datasets/Not_A_Name", VISION_TOKEN, "a\n1\n"), 422, "invalid-request");
        assertProblem(send(request("/api/v1/datasets/x", VISION_TOKEN).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).build()), 415, "unsupported-media-type");
    }
}
