package org.gantry.api.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Stream;
import org.gantry.api.job.DjlServeWorkload;
import org.gantry.api.job.DjlTrainWorkload;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.JobType;
import org.gantry.api.job.JobSpec;
import org.gantry.api.validation.ReadResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The {@code djl-train} and {@code djl-serve} workloads as DESIGN.md fixes them: defaults filled in, every mistake named at its path. */
class DjlWorkloadSpecTest {

    private static String job(String workloadFields, String jobFields) {
        return "{\"name\": \"houses-mlp\", \"tenant\": \"vision\", \"gpus\": 1" + jobFields
                + ", \"workload\": {\"kind\": \"djl-train\"" + workloadFields + "}}";
    }

    private static ReadResult<JobSpec> read(String json) {
        return JobSpecReader.read(json, JobSpecReader.Context.STANDALONE);
    }

    @Test
    void theDesignsExampleReadsAndTheDefaultsAreFilledIn() {
        JobSpec spec = read(job(", \"dataset\": \"houses\", \"target\": \"price\", \"model\": \"houses\", "
                + "\"hiddenLayers\": [64, 32, 8], \"learningRate\": 0.01, \"epochs\": 20, \"batchSize\": 64, "
                + "\"validationSplit\": 0.25, \"seed\": 7", "")).orThrow();
        assertThat(spec.workload()).isEqualTo(new DjlTrainWorkload("houses", null, "price", "houses", List.of(64, 32, 8),
                0.01, 20, 64, 0.25, 7));

        DjlTrainWorkload defaults = (DjlTrainWorkload) read(job(", \"datasetPath\": \"/data/houses.csv\", "
                + "\"target\": \"price\", \"model\": \"houses\"", "")).orThrow().workload();
        assertThat(defaults).isEqualTo(new DjlTrainWorkload(null, "/data/houses.csv", "price", "houses",
                List.of(32, 16), 0.001, 100, 32, 0.2, 42));
    }

    @Test
    void itWritesTheJsonItReads() throws Exception {
        JobSpec spec = read(job(", \"dataset\": \"houses\", \"target\": \"price\", \"model\": \"houses\"", "")).orThrow();
        JsonNode written = GantryJson.mapper().valueToTree(spec);

        assertThat(written.path("workload").path("kind").asText()).isEqualTo("djl-train");
        assertThat(written.path("workload").has("datasetPath")).isFalse();
        assertThat(read(written.toString()).orThrow()).isEqualTo(spec);
    }

    @Test
    void aServingJobAsksForOneGpuPerReplicaAndIsNotPreemptedByDefault() {
        String json = "{\"name\": \"houses-serve\", \"tenant\": \"vision\", \"type\": \"INFERENCE\", \"gpus\": 1, "
                + "\"workload\": {\"kind\": \"djl-serve\", \"model\": \"houses\", \"replicas\": 2}}";
        JobSpec spec = read(json).orThrow();

        assertThat(spec.workload()).isEqualTo(new DjlServeWorkload("houses", null, 2));
        assertThat(spec.gpus()).isEqualTo(GpuRequest.fixed(1));
        assertThat(spec.demand()).isEqualTo(GpuRequest.fixed(2));
        assertThat(spec.preemptible()).isFalse();
        assertThat(read(json.replace("\"type\": \"INFERENCE\", ", "")).orThrow().type())
                .as("type may be left out").isEqualTo(JobType.INFERENCE);
        assertThat(read(json.replace("\"replicas\": 2", "\"version\": 3")).orThrow().workload())
                .isEqualTo(new DjlServeWorkload("houses", 3, 1));
    }

    static Stream<Arguments> mistakes() {
        String data = ", \"dataset\": \"houses\", \"target\": \"price\", \"model\": \"houses\"";
        return Stream.of(
                Arguments.of(job(", \"target\": \"price\", \"model\": \"houses\"", ""), "$.workload",
                        "needs the training data"),
                Arguments.of(job(data + ", \"datasetPath\": \"/d.csv\"", ""), "$.workload",
                        "names both dataset and datasetPath"),
                Arguments.of(job(", \"datasetPath\": \"d.csv\", \"target\": \"y\", \"model\": \"m\"", ""),
                        "$.workload.datasetPath", "must be an absolute path"),
                Arguments.of(job(", \"dataset\": \"Houses!\", \"target\": \"y\", \"model\": \"m\"", ""),
                        "$.workload.dataset", "not a valid dataset name"),
                Arguments.of(job(", \"dataset\": \"houses\", \"model\": \"m\"", ""), "$.workload.target", "required"),
                Arguments.of(job(", \"dataset\": \"houses\", \"target\": \"y\"", ""), "$.workload.model", "required"),
                Arguments.of(job(data + ", \"hiddenLayers\": []", ""), "$.workload.hiddenLayers", "non-empty array"),
                Arguments.of(job(data + ", \"hiddenLayers\": [32, 0]", ""), "$.workload.hiddenLayers[1]",
                        "between 1 and 4096"),
                Arguments.of(job(data + ", \"learningRate\": 0", ""), "$.workload.learningRate", "must be above 0"),
                Arguments.of(job(data + ", \"learningRate\": \"fast\"", ""), "$.workload.learningRate",
                        "must be a number"),
                Arguments.of(job(data + ", \"epochs\": 0", ""), "$.workload.epochs", "between 1 and 100000"),
                Arguments.of(job(data + ", \"batchSize\": 2.5", ""), "$.workload.batchSize", "whole number"),
                Arguments.of(job(data + ", \"validationSplit\": 1", ""), "$.workload.validationSplit", "at most 0.9"),
                Arguments.of(job(data + ", \"layers\": 3", ""), "$.workload.layers", "unknown field 'layers'"),
                Arguments.of(job(data, ", \"type\": \"INFERENCE\""), "$.type", "must be TRAINING"),
                Arguments.of(job(data, "").replace("\"gpus\": 1", "\"gpus\": 2"), "$.gpus", "must be 1"),
                Arguments.of(serve("\"replicas\": 0"), "$.workload.replicas", "between 1 and 64"),
                Arguments.of(serve("\"version\": 0"), "$.workload.version", "at least 1"),
                Arguments.of(serve("\"gpu\": 2"), "$.workload.gpu", "unknown field 'gpu'"),
                Arguments.of(serve("\"replicas\": 2").replace("\"gpus\": 1", "\"gpus\": 4"), "$.gpus", "per replica"),
                Arguments.of(serve("\"replicas\": 2").replace("\"gpus\": 1", "\"type\": \"TRAINING\", \"gpus\": 1"),
                        "$.type", "must be INFERENCE"));
    }

    private static String serve(String field) {
        return "{\"name\": \"s\", \"tenant\": \"vision\", \"gpus\": 1, \"workload\": {\"kind\": \"djl-serve\", "
                + "\"model\": \"houses\", " + field + "}}";
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("mistakes")
    void eachMistakeIsNamedAtItsPath(String json, String path, String message) {
        assertThat(read(json).violations()).singleElement().satisfies(violation -> {
            assertThat(violation.path()).isEqualTo(path);
            assertThat(violation.message()).contains(message);
        });
    }
}
