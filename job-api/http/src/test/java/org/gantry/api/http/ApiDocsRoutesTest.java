package org.gantry.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The description and Swagger UI are served without a token, with the right types. */
class ApiDocsRoutesTest extends RouteTestBase {
    private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"(/api/docs/[^\"]+)\"");

    @Test
    void theDescriptionIsServedAsYamlWithoutAToken() {
        HttpResponse<String> response = get("/api/v1/openapi.yaml", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(contentType(response)).isEqualTo("application/yaml");
        assertThat(response.body()).isEqualTo(resource(ApiDocsRoutes.DESCRIPTION));
        OpenApiDocument served = OpenApiDocument.parse(response.body().getBytes(StandardCharsets.UTF_8));
        assertThat(served.root().path("openapi").asText()).isEqualTo("3.1.0");
    }

    @Test
    void anotherMethodOnTheDescriptionIs405NotA401() {
        HttpResponse<String> response = post("/api/v1/openapi.yaml", null, "{}");

        assertProblem(response, 405, "method-not-allowed");
        assertThat(response.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void swaggerUiIsServedWithoutATokenAndOpensOnThisApi() {
        HttpResponse<String> page = get("/api/docs", null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(contentType(page)).isEqualTo("text/html; charset=UTF-8");
        assertThat(page.body()).contains("id=\"swagger-ui\"");
        assertThat(get("/api/docs/", null).body()).isEqualTo(page.body());
        assertThat(get("/api/docs/index.html", null).body()).isEqualTo(page.body());

        List<String> assets = new ArrayList<>();
        Matcher matcher = ASSET.matcher(page.body());
        while (matcher.find()) {
            assets.add(matcher.group(1));
        }
        assertThat(assets).contains("/api/docs/swagger-ui.css", "/api/docs/swagger-ui-bundle.js",
                "/api/docs/swagger-ui-standalone-preset.js", "/api/docs/swagger-initializer.js");
        for (String asset : assets) {
            HttpResponse<String> response = get(asset, null);
            assertThat(response.statusCode()).as(asset).isEqualTo(200);
            assertThat(contentType(response)).as(asset).startsWith(expectedType(asset));
            assertThat(response.body()).as(asset).isNotEmpty();
        }
        assertThat(get("/api/docs/swagger-ui-bundle.js", null).body()).contains("SwaggerUIBundle");
        String initializer = get("/api/docs/swagger-initializer.js", null).body();
        assertThat(initializer).contains("url: \"/api/v1/openapi.yaml\"").doesNotContain("petstore");
    }

    @Test
    void theBearerSchemeGivesSwaggerUiItsAuthorizeButton() {
        OpenApiDocument served = OpenApiDocument.parse(get("/api/v1/openapi.yaml", null).body()
                .getBytes(StandardCharsets.UTF_8));

        assertThat(served.root().at("/components/securitySchemes/bearer/type").asText()).isEqualTo("http");
        assertThat(served.root().at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        assertThat(served.root().at("/security/0").has("bearer")).isTrue();
    }

    @Test
    void unknownOrUnsafeFilesUnderTheDocsAre404Problems() {
        assertProblem(get("/api/docs/nothing-here.js", null), 404, "not-found");
        assertProblem(get("/api/docs/.hidden", null), 404, "not-found");
        assertProblem(get("/api/docs/a/b.js", null), 404, "not-found");
        assertProblem(get("/api/docsx", null), 404, "not-found");
    }

    private static String expectedType(String asset) {
        if (asset.endsWith(".js")) {
            return "application/javascript";
        }
        if (asset.endsWith(".css")) {
            return "text/css";
        }
        return "image/png";
    }

    private static String resource(String name) {
        try (InputStream in = ApiDocsRoutesTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
