package org.gantry.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The document's own structure: OpenAPI 3.1.0, references that resolve, operations a client can call by name. */
class OpenApiDocumentTest {
    private final OpenApiDocument document = OpenApiDocument.load();

    @Test
    void isOpenApi310WithATitleAndVersion() {
        assertThat(document.root().path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(document.root().at("/info/title").asText()).isNotBlank();
        assertThat(document.root().at("/info/version").asText()).isNotBlank();
    }

    @Test
    void everyReferenceResolves() {
        Set<String> refs = document.refs();
        assertThat(refs).hasSizeGreaterThan(20);
        assertThat(refs).as("references to nothing").filteredOn(ref -> document.at(ref).isMissingNode()).isEmpty();
    }

    @Test
    void everyOperationHasAUniqueOperationIdAndResponses() {
        List<String> faults = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (OpenApiDocument.Operation operation : document.operations()) {
            String id = operation.definition().path("operationId").asText("");
            if (id.isBlank()) {
                faults.add(operation + " has no operationId");
            } else if (!ids.add(id)) {
                faults.add(operation + " repeats operationId " + id);
            }
            JsonNode responses = operation.definition().path("responses");
            if (responses.isEmpty()) {
                faults.add(operation + " documents no responses");
            }
            responses.fields().forEachRemaining(response -> {
                JsonNode resolved = document.resolve(response.getValue());
                if (resolved.path("description").asText("").isBlank()) {
                    faults.add(operation + " " + response.getKey() + " has no description");
                }
                boolean error = response.getKey().startsWith("4") || response.getKey().startsWith("5");
                if (error && !resolved.at("/content/application~1problem+json/schema/$ref").asText()
                        .equals("#/components/schemas/Problem")) {
                    faults.add(operation + " " + response.getKey() + " is not an application/problem+json Problem");
                }
            });
        }
        assertThat(document.operations()).hasSizeGreaterThan(25);
        assertThat(faults).withFailMessage("%s", String.join("\n", faults)).isEmpty();
    }

    @Test
    void pathParametersMatchTheirTemplates() {
        List<String> faults = new ArrayList<>();
        for (OpenApiDocument.Operation operation : document.operations()) {
            Set<String> declared = new HashSet<>();
            for (JsonNode parameter : operation.parameters(document)) {
                if (parameter.path("in").asText().equals("path")) {
                    declared.add(parameter.path("name").asText());
                    if (!parameter.path("required").asBoolean()) {
                        faults.add(operation + " path parameter " + parameter.path("name").asText()
                                + " is not required");
                    }
                }
                if (!parameter.has("schema")) {
                    faults.add(operation + " parameter " + parameter.path("name").asText() + " has no schema");
                }
            }
            Set<String> named = new HashSet<>(OpenApiDocument.pathParameters(operation.path()));
            if (!declared.equals(named)) {
                faults.add(operation + " declares path parameters " + declared + " for " + named);
            }
        }
        assertThat(faults).withFailMessage("%s", String.join("\n", faults)).isEmpty();
    }

    @Test
    void templatesMatchConcretePathsSegmentBySegment() {
        assertThat(OpenApiDocument.matches("/api/v1/jobs/{id}", "/api/v1/jobs/j-1")).isTrue();
        assertThat(OpenApiDocument.matches("/api/v1/jobs/{id}", "/api/v1/jobs/j-1/logs")).isFalse();
        assertThat(OpenApiDocument.matches("/api/v1/jobs/{id}/logs", "/api/v1/jobs/j-1/logs")).isTrue();
        assertThat(OpenApiDocument.matches("/api/v1/jobs", "/api/v1/jobsx")).isFalse();
    }
}
