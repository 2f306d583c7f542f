package org.gantry.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.job.CheckpointPolicy;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.Job;
import org.gantry.api.job.JobCheckpoint;
import org.gantry.api.job.JobId;
import org.gantry.api.job.JobSpec;
import org.gantry.api.job.JobState;
import org.gantry.api.job.PlacementConstraints;
import org.gantry.api.job.ProcessWorkload;
import org.gantry.api.job.TrainingProgress;

/**
 * What the description tests fill in: a value for each path parameter that names something the
 * fakes hold, and a job with every field set, so answers carry all that the schemas describe.
 */
final class ApiSamples {
    static final String JOB = "job-1";

    private static final Map<String, String> PATH_VALUES = Map.of(
            "id", JOB,
            "tenant", Fakes.VISION.value(),
            "node", Fakes.Cluster.NODE.value(),
            "name", "houses",
            "pool", "default");

    private ApiSamples() {}

    /** The template with each {@code {parameter}} replaced by its sample. */
    static String path(String template) {
        String path = template;
        for (String name : OpenApiDocument.pathParameters(template)) {
            path = path.replace("{" + name + "}", PATH_VALUES.getOrDefault(name, "sample"));
        }
        return path;
    }

    /** The path with {@code ?tenant=vision} when the operation takes a tenant: the fakes need it. */
    static String target(OpenApiDocument document, OpenApiDocument.Operation operation) {
        boolean takesTenant = operation.parameters(document).stream()
                .anyMatch(p -> p.path("in").asText().equals("query") && p.path("name").asText().equals("tenant"));
        return path(operation.path()) + (takesTenant ? "?tenant=" + Fakes.VISION.value() : "");
    }

    /** A request with the method, and with a body when one is given. */
    static HttpRequest.Builder withMethod(HttpRequest.Builder builder, String method, String contentType, String body) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return builder.method(method, publisher);
    }

    /** The examples of a request body, by media type: each named example's value, or the one {@code example}. */
    static List<Map.Entry<String, JsonNode>> requestExamples(OpenApiDocument document, JsonNode requestBody) {
        JsonNode content = document.resolve(requestBody).path("content");
        List<Map.Entry<String, JsonNode>> examples = new ArrayList<>();
        content.fields().forEachRemaining(media -> {
            JsonNode one = media.getValue().get("example");
            if (one != null) {
                examples.add(Map.entry(media.getKey(), one));
            }
            media.getValue().path("examples").elements().forEachRemaining(named ->
                    examples.add(Map.entry(media.getKey(), document.resolve(named).path("value"))));
        });
        return examples;
    }

    /** A running job of tenant vision with every optional field of a job set. */
    static Job fullJob() {
        JobSpec spec = JobSpec.builder("train", GpuRequest.elastic(2, 8), new ProcessWorkload(
                        List.of("python", "train.py"), Map.of("LR", "0.1"), Map.of("WANDB_KEY", "secret"), "/work"))
                .tenant(Fakes.VISION)
                .constraints(new PlacementConstraints("H100", 40_000, Map.of("zone", "a")))
                .estimatedDuration(Duration.ofHours(2))
                .timeLimit(Duration.ofHours(4))
                .priority(5)
                .checkpoint(CheckpointPolicy.ofSeconds(600))
                .maxRetries(3)
                .labels(Map.of("team", "cv"))
                .build();
        Instant now = Fakes.NOW;
        return new Job(new JobId(JOB), JobState.RUNNING, Fakes.VISION, "train", spec, now, now.plusSeconds(1),
                now.plusSeconds(2), null, 2, 1, Map.of(new NodeId("gpu-1"), List.of(0, 1)), 137,
                "requeued after node gpu-2 was lost", false, 3600, new JobCheckpoint(now, 1024, 1, 7),
                new TrainingProgress(3, 100, 0.5, 0.25, 0.4), Map.of(new NodeId("gpu-1"), List.of(0, 1, 2, 3)));
    }
}
