package org.gantry.api.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gantry.api.json.Bodies.arrayOf;
import static org.gantry.api.json.Bodies.exampleWith;
import static org.gantry.api.json.Bodies.longString;
import static org.gantry.api.json.Bodies.objectOf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.CheckpointPolicy;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.JobSpec;
import org.gantry.api.job.JobType;
import org.gantry.api.job.PlacementConstraints;
import org.gantry.api.job.ProcessWorkload;
import org.gantry.api.tenant.TenantId;
import org.gantry.api.validation.ReadResult;
import org.gantry.api.validation.ValidationException;
import org.gantry.api.validation.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JobSpecReaderTest {

    @Test
    void readsTheDesignExample() {
        JobSpec spec = JobSpecReader.read(Bodies.DESIGN_EXAMPLE, JobSpecReader.Context.STANDALONE).orThrow();

        assertThat(spec.name()).isEqualTo("resnet50");
        assertThat(spec.tenant()).isEqualTo(new TenantId("vision"));
        assertThat(spec.type()).isEqualTo(JobType.TRAINING);
        assertThat(spec.pool()).isEqualTo(PoolId.DEFAULT);
        assertThat(spec.gpus()).isEqualTo(GpuRequest.fixed(4));
        assertThat(spec.estimatedDuration()).isEqualTo(Duration.ofHours(2));
        assertThat(spec.timeLimit()).isEqualTo(Duration.ofHours(4));
        assertThat(spec.priority()).isZero();
        assertThat(spec.preemptible()).isTrue();
        assertThat(spec.workload()).isEqualTo(new ProcessWorkload(List.of("python", "train.py"), Map.of("LR", "0.1"),
                Map.of("WANDB_KEY", "..."), null));
        assertThat(spec.checkpoint()).isEqualTo(CheckpointPolicy.ofSeconds(600));
        assertThat(spec.maxRetries()).isEqualTo(3);
        assertThat(spec.requeueable()).as("by default, a lost node's job runs again").isTrue();
        assertThat(spec.constraints()).isEqualTo(PlacementConstraints.EMPTY);
        assertThat(spec.labels()).isEmpty();
    }

    @Test
    void readsResourcesAndWritesThemBackAsGiven() throws Exception {
        JobSpec spec = JobSpecReader.read(exampleWith("/resources", "{\"memory\": \"8Gi\", \"cpus\": 2.5}"))
                .orThrow();

        assertThat(spec.resources().memoryBytes()).isEqualTo(8L << 30);
        assertThat(spec.resources().cpus()).isEqualTo(2.5);
        assertThat(JobSpecReader.read("{\"name\": \"a\", \"tenant\": \"t\", \"gpus\": 1, \"workload\": "
                + "{\"kind\": \"simulated\", \"seconds\": 1}, \"resources\": {\"memory\": \"2G\"}}",
                JobSpecReader.Context.STANDALONE).orThrow().resources().memoryBytes()).isEqualTo(2_000_000_000L);
        String json = GantryJson.mapper().writeValueAsString(spec);
        assertThat(json).contains("\"resources\":{\"memory\":\"8Gi\",\"cpus\":2.5}");
        assertThat(GantryJson.mapper().readValue(json, JobSpec.class)).isEqualTo(spec);
        assertThat(GantryJson.mapper().writeValueAsString(spec.toBuilder().resources(null).build()))
                .doesNotContain("resources");
    }

    @Test
    void absentOptionalFieldsTakeTheirDefaults() {
        JobSpec spec = JobSpecReader.read("""
                {"name": "tiny", "tenant": "vision", "gpus": 1, "workload": {"kind": "simulated", "seconds": 60}}
                """, JobSpecReader.Context.STANDALONE).orThrow();

        assertThat(spec).isEqualTo(JobSpec.builder("tiny", GpuRequest.fixed(1), spec.workload())
                .tenant(new TenantId("vision")).build());
        assertThat(spec.preemptible()).isTrue();
        assertThat(spec.checkpoint()).isNull();
    }

    @Test
    void aJobThatMustNotRunTwiceSaysSo() {
        assertThat(JobSpecReader.read(exampleWith("/requeueable", "false")).orThrow().requeueable()).isFalse();
    }

    @Test
    void explicitNullReadsAsAbsent() {
        JobSpec spec = JobSpecReader.read(exampleWith("/timeLimit", "null")).orThrow();

        assertThat(spec.timeLimit()).isNull();
    }

    static Stream<Arguments> oneProblem() {
        return Stream.of(
                // field names and types
                Arguments.of("/gpu", "4", "$.gpu", "unknown field 'gpu'; allowed fields: name, tenant, type, pool, gpus"),
                Arguments.of("/name", "5", "$.name", "must be a string, got a number"),
                Arguments.of("/preemptible", "\"yes\"", "$.preemptible", "must be true or false, got a string"),
                Arguments.of("/requeueable", "0", "$.requeueable", "must be true or false, got a number"),
                Arguments.of("/type", "\"training\"", "$.type", "must be one of TRAINING, INFERENCE, got 'training'"),
                // required fields
                Arguments.of("/name", null, "$.name", "is required"),
                Arguments.of("/tenant", null, "$.tenant", "is required"),
                Arguments.of("/gpus", null, "$.gpus", "is required"),
                Arguments.of("/workload", null, "$.workload", "is required"),
                // names
                Arguments.of("/name", "\"ResNet_50\"", "$.name",
                        "'ResNet_50' is not a valid job name: use lower-case letters"),
                Arguments.of("/name", longString(64), "$.name", "at most 63 characters"),
                Arguments.of("/tenant", "\"Vision!\"", "$.tenant", "is not a valid tenant name"),
                Arguments.of("/pool", "\"big pool\"", "$.pool", "is not a valid pool name"),
                // gpus
                Arguments.of("/gpus", "0", "$.gpus", "must be between 1 and 4096, got 0"),
                Arguments.of("/gpus", "-2", "$.gpus", "must be between 1 and 4096, got -2"),
                Arguments.of("/gpus", "4097", "$.gpus", "must be between 1 and 4096, got 4097"),
                Arguments.of("/gpus", "2.5", "$.gpus", "must be a whole number, got 2.5"),
                Arguments.of("/gpus", "\"4\"", "$.gpus", "must be a GPU count like 4 or a range like"),
                Arguments.of("/gpus", "{\"min\": 0, \"max\": 4}", "$.gpus.min", "must be between 1 and 4096, got 0"),
                Arguments.of("/gpus", "{\"min\": 2, \"max\": 9000}", "$.gpus.max", "got 9000"),
                Arguments.of("/gpus", "{\"min\": 8, \"max\": 2}", "$.gpus", "min (8) must not exceed max (2)"),
                Arguments.of("/gpus", "{\"min\": 2}", "$.gpus.max", "is required"),
                Arguments.of("/gpus", "{\"min\": 1, \"max\": 2, \"step\": 1}", "$.gpus.step",
                        "unknown field 'step'; allowed fields: min, max"),
                // durations
                Arguments.of("/estimatedDuration", "\"2h\"", "$.estimatedDuration",
                        "'2h' is not a duration: use ISO-8601 like \"PT2H\" or a number of seconds like 7200"),
                Arguments.of("/timeLimit", "0", "$.timeLimit", "must be positive"),
                Arguments.of("/timeLimit", "\"P400D\"", "$.timeLimit", "must be at most 365 days"),
                Arguments.of("/timeLimit", "true", "$.timeLimit", "must be a duration, got a boolean"),
                Arguments.of("/estimatedDuration", "\"PT5H\"", "$.estimatedDuration",
                        "must not exceed timeLimit (PT4H), got PT5H"),
                // ranges
                Arguments.of("/priority", "1001", "$.priority", "must be between -1000 and 1000, got 1001"),
                Arguments.of("/priority", "-1001", "$.priority", "must be between -1000 and 1000, got -1001"),
                Arguments.of("/maxRetries", "-1", "$.maxRetries", "must be between 0 and 100, got -1"),
                Arguments.of("/maxRetries", "101", "$.maxRetries", "must be between 0 and 100, got 101"),
                Arguments.of("/maxRetries", "99999999999", "$.maxRetries", "got 99999999999"),
                // checkpoint
                Arguments.of("/checkpoint", "{\"intervalSeconds\": 0}", "$.checkpoint.intervalSeconds",
                        "must be between 1 and 31536000, got 0"),
                Arguments.of("/checkpoint", "{}", "$.checkpoint.intervalSeconds", "is required"),
                Arguments.of("/checkpoint", "{\"intervalSeconds\": 60, \"gracePeriodSeconds\": 3601}",
                        "$.checkpoint.gracePeriodSeconds", "must be between 0 and 3600, got 3601"),
                Arguments.of("/checkpoint", "600", "$.checkpoint", "must be an object, got a number"),
                // workload
                Arguments.of("/workload", "[]", "$.workload", "must be an object, got an array"),
                Arguments.of("/workload/kind", "\"docker\"", "$.workload.kind",
                        "unknown workload kind 'docker'; known kinds: djl-serve, djl-train, process, simulated"),
                Arguments.of("/workload/kind", null, "$.workload.kind", "is required; known kinds: djl-serve, djl-train, process, simulated"),
                Arguments.of("/workload/image", "\"x\"", "$.workload.image",
                        "unknown field 'image'; allowed fields: kind, command, env, secretEnv, workingDir"),
                Arguments.of("/workload/command", "[]", "$.workload.command", "must not be empty"),
                Arguments.of("/workload/command", "\"python train.py\"", "$.workload.command",
                        "must be an array of strings, got a string"),
                Arguments.of("/workload/command", "[\"python\", \"train.py\", 3]", "$.workload.command[2]",
                        "must be a string, got a number"),
                Arguments.of("/workload/command", "[\"python\", null]", "$.workload.command[1]",
                        "must be a string, got null"),
                Arguments.of("/workload/command", "[\" \"]", "$.workload.command[0]", "must name the program to run"),
                Arguments.of("/workload/command", arrayOf(257), "$.workload.command",
                        "has 257 arguments; at most 256 allowed"),
                Arguments.of("/workload/command", "[\"python\", " + longString(4097) + "]", "$.workload.command[1]",
                        "is 4097 characters long; at most 4096 allowed"),
                Arguments.of("/workload/workingDir", "\"  \"", "$.workload.workingDir", "must not be blank"),
                Arguments.of("/workload/env", "{\"1BAD\": \"x\"}", "$.workload.env",
                        "key '1BAD' is invalid: keys must match [A-Za-z_][A-Za-z0-9_]*"),
                Arguments.of("/workload/env", "{\"" + "K".repeat(257) + "\": \"x\"}", "$.workload.env",
                        "at most 256 characters long"),
                Arguments.of("/workload/env", objectOf(129), "$.workload.env", "has 129 entries; at most 128 allowed"),
                Arguments.of("/workload/env", "{\"LR\": 0.1}", "$.workload.env.LR", "must be a string, got a number"),
                Arguments.of("/workload/env", "{\"LR\": " + longString(32 * 1024 + 1) + "}", "$.workload.env.LR",
                        "is 32769 characters long; at most 32768 allowed"),
                Arguments.of("/workload/secretEnv", "{\"LR\": \"x\"}", "$.workload.secretEnv.LR", "is also set in env"),
                Arguments.of("/workload/secretEnv", "[\"WANDB_KEY\"]", "$.workload.secretEnv",
                        "must be an object, got an array"),
                Arguments.of("/workload", "{\"kind\": \"simulated\", \"seconds\": 0}", "$.workload.seconds",
                        "must be between 1 and 31536000, got 0"),
                Arguments.of("/workload", "{\"kind\": \"simulated\", \"seconds\": 5, \"command\": [\"x\"]}",
                        "$.workload.command", "unknown field 'command'; allowed fields: kind, seconds"),
                // labels and constraints
                Arguments.of("/labels", objectOf(65), "$.labels", "has 65 entries; at most 64 allowed"),
                Arguments.of("/labels", "{\"" + "k".repeat(64) + "\": \"v\"}", "$.labels",
                        "is invalid: keys must be 1 to 63 characters long"),
                Arguments.of("/labels", "{\"team\": " + longString(257) + "}", "$.labels.team",
                        "is 257 characters long; at most 256 allowed"),
                Arguments.of("/labels", "{\"app.kubernetes.io/name\": 5}", "$.labels['app.kubernetes.io/name']",
                        "must be a string, got a number"),
                Arguments.of("/constraints", "{\"minGpuMemoryMiB\": 0}", "$.constraints.minGpuMemoryMiB",
                        "must be at least 1, got 0"),
                Arguments.of("/constraints", "{\"gpuModel\": 5}", "$.constraints.gpuModel", "must be a string"),
                Arguments.of("/constraints", "{\"zone\": \"a\"}", "$.constraints.zone",
                        "unknown field 'zone'; allowed fields: gpuModel, minGpuMemoryMiB, nodeSelector"),
                Arguments.of("/constraints", "{\"nodeSelector\": {\"\": \"x\"}}", "$.constraints.nodeSelector",
                        "key '' is invalid"),
                // resources
                Arguments.of("/resources", "{\"memory\": \"lots\"}", "$.resources.memory",
                        "must be a quantity such as \"512Mi\", \"8Gi\" or \"2G\""),
                Arguments.of("/resources", "{\"memory\": 8}", "$.resources.memory", "must be a string"),
                Arguments.of("/resources", "{\"memory\": \"1Mi\"}", "$.resources.memory",
                        "must be between 4Mi and 64Ti, got \"1Mi\""),
                Arguments.of("/resources", "{\"memory\": \"999999999999999Ti\"}", "$.resources.memory",
                        "must be between 4Mi and 64Ti"),
                Arguments.of("/resources", "{\"cpus\": 0}", "$.resources.cpus", "must be above 0.0"),
                Arguments.of("/resources", "{\"cpus\": 0.001}", "$.resources.cpus", "must be at least 0.01"),
                Arguments.of("/resources", "{\"cpus\": \"4\"}", "$.resources.cpus", "must be a number"),
                Arguments.of("/resources", "{\"gpus\": 4}", "$.resources.gpus",
                        "unknown field 'gpus'; allowed fields: memory, cpus"),
                Arguments.of("/resources", "4", "$.resources", "must be an object"));
    }

    @ParameterizedTest(name = "{0} = {1} → {2}")
    @MethodSource("oneProblem")
    void reportsOneProblemAtItsPath(String pointer, String json, String path, String message) {
        ReadResult<JobSpec> result = JobSpecReader.read(exampleWith(pointer, json));

        assertThat(result.violations()).singleElement().satisfies(violation -> {
            assertThat(violation.path()).isEqualTo(path);
            assertThat(violation.message()).contains(message);
        });
    }

    @Test
    void reportsEveryProblemAtOnce() {
        String body = """
                { "name": "Bad Name", "gpus": {"min": 0, "max": 9000}, "pool": "gpu-x",
                  "estimatedDuration": "2h", "priority": 5000, "colour": "blue",
                  "workload": {"kind": "process", "command": ["python", 7], "env": {"9LIVES": "x"}},
                  "checkpoint": {"intervalSeconds": -1}, "maxRetries": 500, "labels": {"team": 1} }
                """;
        ReadResult<JobSpec> result = JobSpecReader.read(body, new JobSpecReader.Context(Set.of(PoolId.DEFAULT), null));

        assertThat(result.violations()).extracting(Violation::path).containsExactlyInAnyOrder(
                "$.colour", "$.name", "$.tenant", "$.pool", "$.gpus.min", "$.gpus.max", "$.estimatedDuration",
                "$.priority", "$.workload.command[1]", "$.workload.env", "$.checkpoint.intervalSeconds",
                "$.maxRetries", "$.labels.team");
        assertThatThrownBy(result::orThrow).isInstanceOf(ValidationException.class)
                .hasMessageContaining("13 problems").hasMessageContaining("$.workload.command[1]: must be a string");
    }

    @Test
    void aTokensTenantIsImpliedWhenTheBodyNamesNone() {
        ObjectNode body = exampleWith("/tenant", null);
        JobSpecReader.Context context = new JobSpecReader.Context(null, new TenantId("vision"));

        assertThat(JobSpecReader.read(body, context).orThrow().tenant()).isEqualTo(new TenantId("vision"));
    }

    @Test
    void aBodyMayRepeatTheTokensTenantButNotNameAnother() {
        JobSpecReader.Context asVision = new JobSpecReader.Context(null, new TenantId("vision"));
        JobSpecReader.Context asSpeech = new JobSpecReader.Context(null, new TenantId("speech"));

        assertThat(JobSpecReader.read(Bodies.example(), asVision).orThrow().tenant()).isEqualTo(new TenantId("vision"));
        assertThat(JobSpecReader.read(Bodies.example(), asSpeech).violations()).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo("$.tenant");
            assertThat(v.message()).contains("'vision'", "'speech'");
        });
    }

    @Test
    void poolsAreCheckedAgainstTheKnownOnesOnlyWhenGiven() {
        ObjectNode body = exampleWith("/pool", "\"a100\"");

        assertThat(JobSpecReader.read(body, JobSpecReader.Context.STANDALONE).orThrow().pool())
                .isEqualTo(new PoolId("a100"));
        assertThat(JobSpecReader.read(body, new JobSpecReader.Context(Set.of(PoolId.DEFAULT, new PoolId("h100")), null))
                .violations())
                .containsExactly(new Violation("$.pool", "unknown pool 'a100'; known pools: default, h100"));
    }

    @Test
    void anAbsentPoolMeansTheDefaultOneWhichMustBeKnownToo() {
        ObjectNode body = exampleWith("/pool", null);

        assertThat(JobSpecReader.read(body, new JobSpecReader.Context(Set.of(PoolId.DEFAULT), null)).orThrow().pool())
                .isEqualTo(PoolId.DEFAULT);
        assertThat(JobSpecReader.read(body, new JobSpecReader.Context(Set.of(new PoolId("h100")), null)).violations())
                .containsExactly(new Violation("$.pool",
                        "no pool named, and there is no default pool 'default'; known pools: h100"));
    }
}
