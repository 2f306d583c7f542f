package org.gantry.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gantry.api.http.Fakes.ADMIN_TOKEN;
import static org.gantry.api.http.Fakes.AUDIO;
import static org.gantry.api.http.Fakes.AUDIO_TOKEN;
import static org.gantry.api.http.Fakes.VISION;
import static org.gantry.api.http.Fakes.VISION_TOKEN;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.JobSpec;
import org.gantry.api.job.JobState;
import org.gantry.api.job.ProcessWorkload;
import org.gantry.api.job.SimulatedWorkload;
import org.gantry.api.protocol.AgentCommand.LogStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobRoutesTest extends RouteTestBase {
    /** The design's example, without its tenant: a tenant token implies it. */
    static final String JOB = """
            { "name": "resnet50", "type": "TRAINING", "pool": "default",
              "gpus": 4, "estimatedDuration": "PT2H", "timeLimit": "PT4H", "priority": 0,
              "workload": { "kind": "process", "command": ["python", "train.py"], "env": {"LR": "0.1"},
                            "secretEnv": {"WANDB_KEY": "wandb-secret-value"} },
              "checkpoint": { "intervalSeconds": 600 }, "maxRetries": 3 }
            """;

    @BeforeEach
    void reset() {
        jobs.clear();
    }

    @Test
    void submitAnswers201WithLocationAndTheJobWithSecretsMasked() {
        HttpResponse<String> response = post("/api/v1/jobs", VISION_TOKEN, JOB);

        JsonNode job = assertJson(response, 201);
        assertThat(response.headers().firstValue("Location")).hasValue("/api/v1/jobs/job-1");
        assertThat(job.path("id").asText()).isEqualTo("job-1");
        assertThat(job.path("state").asText()).isEqualTo("PENDING");
        assertThat(job.path("tenant").asText()).isEqualTo("vision");
        assertThat(job.path("spec").path("workload").path("secretEnv").path("WANDB_KEY").asText())
                .isEqualTo(ProcessWorkload.MASK);
        assertThat(response.body()).doesNotContain("wandb-secret-value");
        // The service gets the secret itself, and the tenant the token implies.
        assertThat(jobs.lastSpec.get().tenant()).isEqualTo(VISION);
        assertThat(((ProcessWorkload) jobs.lastSpec.get().workload()).secretEnv())
                .containsEntry("WANDB_KEY", "wandb-secret-value");
    }

    @Test
    void repeatingASubmitWithItsIdempotencyKeyAnswers200WithTheSameJob() {
        HttpResponse<String> first = send(request("/api/v1/jobs", VISION_TOKEN).header("Content-Type", JSON)
                .header("Idempotency-Key", "abc-1").POST(HttpRequest.BodyPublishers.ofString(JOB)).build());
        HttpResponse<String> again = send(request("/api/v1/jobs", VISION_TOKEN).header("Content-Type", JSON)
                .header("Idempotency-Key", "abc-1").POST(HttpRequest.BodyPublishers.ofString(JOB)).build());

        assertJson(first, 201);
        JsonNode job = assertJson(again, 200);
        assertThat(job.path("id").asText()).isEqualTo("job-1");
        assertThat(again.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void reusingAnIdempotencyKeyForAnotherJobIsAConflict() {
        send(request("/api/v1/jobs", VISION_TOKEN).header("Content-Type", JSON)
                .header("Idempotency-Key", "k").POST(HttpRequest.BodyPublishers.ofString(JOB)).build());
        HttpResponse<String> other = send(request("/api/v1/jobs", VISION_TOKEN).header("Content-Type", JSON)
                .header("Idempotency-Key", "k")
                .POST(HttpRequest.BodyPublishers.ofString(JOB.replace("resnet50", "other"))).build());

        JsonNode problem = assertProblem(other, 409, "conflict");
        assertThat(problem.path("detail").asText()).contains("idempotency key");
    }

    @Test
    void anAdminNamesTheTenantInTheBody() {
        String body = JOB.replaceFirst("\\{", "{ \"tenant\": \"audio\",");

        JsonNode job = assertJson(post("/api/v1/jobs", ADMIN_TOKEN, body), 201);

        assertThat(job.path("tenant").asText()).isEqualTo("audio");
    }

    @Test
    void anAdminSubmittingWithoutATenantIsToldToNameOne() {
        JsonNode problem = assertProblem(post("/api/v1/jobs", ADMIN_TOKEN, JOB), 422, "invalid-request");

        assertThat(problem.path("detail").asText()).contains("name the tenant");
        assertThat(problem.path("errors")).hasSize(1);
        assertThat(problem.path("errors").get(0).path("path").asText()).isEqualTo("$.tenant");
        assertThat(problem.path("errors").get(0).path("message").asText()).contains("name the tenant");
    }

    @Test
    void aTenantNamingAnotherTenantIsForbidden() {
        String body = JOB.replaceFirst("\\{", "{ \"tenant\": \"audio\",");

        JsonNode problem = assertProblem(post("/api/v1/jobs", VISION_TOKEN, body), 403, "forbidden");

        assertThat(problem.path("detail").asText()).contains("vision").contains("audio");
        assertThat(jobs.lastSpec.get()).isNull();
    }

    @Test
    void aTenantMayRepeatItsOwnName() {
        String body = JOB.replaceFirst("\\{", "{ \"tenant\": \"vision\",");

        assertJson(post("/api/v1/jobs", VISION_TOKEN, body), 201);
    }

    @Test
    void anInvalidSpecListsEveryViolationAtItsPath() {
        String body = """
                { "name": "Bad Name", "gpus": 0, "priority": "high", "colour": "red",
                  "workload": { "kind": "process", "command": [] } }
                """;

        JsonNode problem = assertProblem(post("/api/v1/jobs", VISION_TOKEN, body), 422, "invalid-request");

        List<String> paths = new ArrayList<>();
        problem.path("errors").forEach(e -> {
            paths.add(e.path("path").asText());
            assertThat(e.path("message").asText()).isNotBlank();
        });
        assertThat(paths).contains("$.name", "$.gpus", "$.priority", "$.colour", "$.workload.command");
        assertThat(problem.path("detail").asText()).contains(paths.size() + " problems");
    }

    @Test
    void malformedJsonIsA400ProblemSayingWhere() {
        JsonNode problem = assertProblem(post("/api/v1/jobs", VISION_TOKEN, "{\"name\": "), 400, "malformed-json");

        assertThat(problem.path("errors").get(0).path("path").asText()).isEqualTo("$");
        assertThat(problem.path("errors").get(0).path("message").asText()).contains("line 1");
    }

    @Test
    void anEmptyJsonBodyIsMalformed() {
        assertProblem(post("/api/v1/jobs", VISION_TOKEN, ""), 400, "malformed-json");
    }

    @Test
    void aBlankIdempotencyKeyIsABadRequest() {
        HttpResponse<String> response = send(request("/api/v1/jobs", VISION_TOKEN).header("Content-Type", JSON)
                .header("Idempotency-Key", " ").POST(HttpRequest.BodyPublishers.ofString(JOB)).build());

        JsonNode problem = assertProblem(response, 400, "bad-request");
        assertThat(problem.path("detail").asText()).contains("Idempotency-Key");
    }

    @Test
    void getReturnsTheJobWithSecretsMasked() {
        post("/api/v1/jobs", VISION_TOKEN, JOB);

        HttpResponse<String> response = get("/api/v1/jobs/job-1", VISION_TOKEN);

        JsonNode job = assertJson(response, 200);
        assertThat(job.path("name").asText()).isEqualTo("resnet50");
        assertThat(job.path("submittedAt").asText()).isEqualTo("2025-01-02T03:04:05Z");
        assertThat(response.body()).doesNotContain("wandb-secret-value");
    }

    @Test
    void anotherTenantsJobIsNotFound() {
        post("/api/v1/jobs", VISION_TOKEN, JOB);

        assertProblem(get("/api/v1/jobs/job-1", AUDIO_TOKEN), 404, "not-found");
        assertProblem(delete("/api/v1/jobs/job-1", AUDIO_TOKEN), 404, "not-found");
        assertProblem(get("/api/v1/jobs/job-1/logs", AUDIO_TOKEN), 404, "not-found");
    }

    @Test
    void aPathSegmentThatCannotBeAJobIdIsNotFound() {
        assertProblem(get("/api/v1/jobs/%20bad", VISION_TOKEN), 404, "not-found");
    }

    @Test
    void aNotFoundWrappedInACompletionExceptionIsStillA404() {
        JsonNode problem = assertProblem(get("/api/v1/jobs/" + Fakes.WRAPPED_NOT_FOUND, VISION_TOKEN), 404,
                "not-found");

        assertThat(problem.path("detail").asText()).isEqualTo("no job wrapped");
    }

    @Test
    void deleteCancelsAndAnswersTheJob() {
        post("/api/v1/jobs", VISION_TOKEN, JOB);

        JsonNode job = assertJson(delete("/api/v1/jobs/job-1", VISION_TOKEN), 200);
        assertThat(job.path("state").asText()).isEqualTo("CANCELLED");

        assertProblem(delete("/api/v1/jobs/job-1", VISION_TOKEN), 409, "conflict");
    }

    @Test
    void listPagesThroughJobsWithACursor() {
        for (int i = 1; i <= 3; i++) {
            jobs.add("j" + i, VISION, JobState.PENDING, spec());
        }
        jobs.add("a1", AUDIO, JobState.PENDING, spec());

        JsonNode first = assertJson(get("/api/v1/jobs?limit=2", VISION_TOKEN), 200);
        assertThat(first.path("jobs")).hasSize(2);
        String cursor = first.path("nextCursor").asText();
        assertThat(cursor).isNotBlank();

        JsonNode second = assertJson(get("/api/v1/jobs?limit=2&cursor=" + cursor, VISION_TOKEN), 200);
        assertThat(second.path("jobs")).hasSize(1);
        assertThat(second.has("nextCursor")).isFalse();
    }

    @Test
    void emptyListsAreEmptyArraysNeverMissing() {
        JsonNode none = assertJson(get("/api/v1/jobs?state=RUNNING", VISION_TOKEN), 200);
        assertThat(none.path("jobs").isArray()).as(none.toString()).isTrue();
        assertThat(none.path("jobs")).isEmpty();

        JsonNode queue = assertJson(get("/api/v1/queue", AUDIO_TOKEN), 200);
        assertThat(queue.path("queue").isArray()).as(queue.toString()).isTrue();
    }

    @Test
    void listPassesItsFiltersToTheService() {
        assertJson(get("/api/v1/jobs?state=running&tenant=audio&limit=7", ADMIN_TOKEN), 200);

        assertThat(jobs.lastQuery.get().state()).isEqualTo(JobState.RUNNING);
        assertThat(jobs.lastQuery.get().tenant()).isEqualTo(AUDIO);
        assertThat(jobs.lastQuery.get().limit()).isEqualTo(7);
        assertThat(jobs.lastQuery.get().cursor()).isNull();
    }

    @Test
    void listRedactsEveryJob() {
        post("/api/v1/jobs", VISION_TOKEN, JOB);

        HttpResponse<String> response = get("/api/v1/jobs", VISION_TOKEN);

        assertJson(response, 200);
        assertThat(response.body()).doesNotContain("wandb-secret-value").contains(ProcessWorkload.MASK);
    }

    @Test
    void badListParametersAreA400NamingEachOne() {
        JsonNode problem = assertProblem(get("/api/v1/jobs?state=sleeping&limit=0", VISION_TOKEN), 400,
                "invalid-parameter");

        assertThat(problem.path("detail").asText()).contains("'state'").contains("'limit'");
        assertThat(problem.path("errors")).hasSize(2);
        assertThat(problem.path("errors").get(0).path("path").asText()).isEqualTo("state");
        assertThat(problem.path("errors").get(1).path("path").asText()).isEqualTo("limit");
    }

    @Test
    void aLimitThatIsNotANumberIsNamed() {
        JsonNode problem = assertProblem(get("/api/v1/jobs?limit=lots", VISION_TOKEN), 400, "invalid-parameter");

        assertThat(problem.path("detail").asText()).contains("'limit'").contains("between 1 and 1000");
    }

    @Test
    void tooLargeALimitAndABadTenantAreRefused() {
        assertProblem(get("/api/v1/jobs?limit=1001", ADMIN_TOKEN), 400, "invalid-parameter");
        JsonNode problem = assertProblem(get("/api/v1/jobs?tenant=NOT_A_NAME", ADMIN_TOKEN), 400,
                "invalid-parameter");
        assertThat(problem.path("errors").get(0).path("path").asText()).isEqualTo("tenant");
    }

    @Test
    void aTenantMayNotListAnotherTenantsJobs() {
        assertProblem(get("/api/v1/jobs?tenant=audio", VISION_TOKEN), 403, "forbidden");
    }

    @Test
    void eventsExplainAndQueueAnswerJson() {
        post("/api/v1/jobs", VISION_TOKEN, JOB);

        JsonNode events = assertJson(get("/api/v1/jobs/job-1/events", VISION_TOKEN), 200);
        assertThat(events.path("events").get(0).path("event").asText()).isEqualTo("Submitted");

        JsonNode explanation = assertJson(get("/api/v1/jobs/job-1/explain", VISION_TOKEN), 200);
        assertThat(explanation.path("reason").asText()).isEqualTo("QUOTA");
        assertThat(explanation.path("queuePosition").asInt()).isEqualTo(1);

        JsonNode queue = assertJson(get("/api/v1/queue", VISION_TOKEN), 200);
        assertThat(queue.path("queue")).hasSize(1);
        assertThat(queue.path("queue").get(0).path("id").asText()).isEqualTo("job-1");
        assertThat(assertJson(get("/api/v1/queue", AUDIO_TOKEN), 200).path("queue")).isEmpty();
    }

    @Test
    void theQueuePagesByOffsetAndLimit() {
        for (int i = 0; i < 3; i++) {
            post("/api/v1/jobs", VISION_TOKEN, JOB);
        }

        JsonNode first = assertJson(get("/api/v1/queue?limit=2", VISION_TOKEN), 200);
        assertThat(first.path("queue")).extracting(entry -> entry.path("id").asText())
                .containsExactly("job-1", "job-2");
        assertThat(first.path("total").asInt()).isEqualTo(3);
        assertThat(first.path("nextOffset").asInt()).isEqualTo(2);

        JsonNode last = assertJson(get("/api/v1/queue?offset=2&limit=2", VISION_TOKEN), 200);
        assertThat(last.path("queue")).extracting(entry -> entry.path("id").asText()).containsExactly("job-3");
        assertThat(last.has("nextOffset")).as("the last page has no next").isFalse();

        JsonNode whole = assertJson(get("/api/v1/queue", VISION_TOKEN), 200);
        assertThat(whole.path("queue")).as("no parameters: the whole queue, as before paging").hasSize(3);
    }

    @ParameterizedTest
    @CsvSource({"limit=0, limit", "limit=10001, limit", "offset=-1, offset", "offset=many, offset"})
    void aBadQueuePageIsRefusedNamingTheParameter(String query, String parameter) {
        JsonNode problem = assertProblem(get("/api/v1/queue?" + query, VISION_TOKEN), 400, "invalid-parameter");

        assertThat(problem.path("detail").asText()).contains("'" + parameter + "'");
    }

    @Test
    void logsAnswerPlainTextOfTheChosenStream() {
        jobs.add("j1", VISION, JobState.RUNNING, spec());

        HttpResponse<String> out = get("/api/v1/jobs/j1/logs", VISION_TOKEN);
        assertThat(out.statusCode()).isEqualTo(200);
        assertThat(contentType(out)).isEqualTo("text/plain; charset=UTF-8");
        assertThat(out.body()).isEqualTo("stdout so far\n");

        HttpResponse<String> err = get("/api/v1/jobs/j1/logs?stream=stderr", VISION_TOKEN);
        assertThat(err.body()).isEqualTo("stderr so far\n");
        assertThat(logs.lastStream.get()).isEqualTo(LogStream.STDERR);
    }

    @Test
    void followingLogsStreamsChunksUntilTheSourceCompletes() throws Exception {
        jobs.add("j1", VISION, JobState.RUNNING, spec());

        HttpResponse<InputStream> response = client.send(request("/api/v1/jobs/j1/logs?follow=true", VISION_TOKEN)
                .GET().build(), HttpResponse.BodyHandlers.ofInputStream());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
        List<String> lines = new ArrayList<>();
        long start = System.nanoTime();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(),
                StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        }
        assertThat(lines).containsExactly("epoch 1", "epoch 2", "epoch 3");
        // The chunks came as the source produced them, not as one body at the end of nothing.
        assertThat(System.nanoTime() - start).isGreaterThan(200_000_000L);
    }

    @Test
    void badLogParametersAreNamed() {
        jobs.add("j1", VISION, JobState.RUNNING, spec());

        JsonNode problem = assertProblem(get("/api/v1/jobs/j1/logs?stream=stdin&follow=maybe&attempt=0",
                VISION_TOKEN), 400, "invalid-parameter");

        assertThat(problem.path("errors")).hasSize(3);
        assertThat(problem.path("errors").get(0).path("message").asText()).contains("stdout, stderr");
        assertThat(problem.path("errors").get(2).path("path").asText()).isEqualTo("attempt");
        assertThat(problem.path("errors").get(2).path("message").asText()).contains("from 1").contains("'0'");
    }

    @Test
    void aDryRunAnswersThePreviewAndABadFlagIsNamed() {
        String job = "{\"name\":\"sim\",\"tenant\":\"vision\",\"gpus\":1,\"workload\":{\"kind\":\"simulated\",\"seconds\":5}}";
        JsonNode preview = assertJson(post("/api/v1/jobs?dryRun=true", VISION_TOKEN, job), 200);
        assertThat(preview.path("startsNow").asBoolean()).isFalse();
        assertThat(preview.path("reason").asText()).isEqualTo("INSUFFICIENT_GPUS");
        assertThat(preview.path("pool").asText()).isEqualTo("default");

        JsonNode problem = assertProblem(post("/api/v1/jobs?dryRun=maybe", VISION_TOKEN, job), 400,
                "invalid-parameter");
        assertThat(problem.path("errors").get(0).path("path").asText()).isEqualTo("dryRun");
    }

    @Test
    void anAttemptIsPassedOnAndAJobShowsItsAttempts() {
        jobs.add("j1", VISION, JobState.RUNNING, spec());

        assertThat(get("/api/v1/jobs/j1/logs?attempt=2", VISION_TOKEN).statusCode()).isEqualTo(200);
        assertThat(logs.lastAttempt.get()).isEqualTo(2);
        get("/api/v1/jobs/j1/logs", VISION_TOKEN);
        assertThat(logs.lastAttempt.get()).isNull();

        JsonNode job = assertJson(get("/api/v1/jobs/j1", VISION_TOKEN), 200);
        assertThat(job.path("id").asText()).isEqualTo("j1"); // the job's own fields, unwrapped
        assertThat(job.path("state").asText()).isEqualTo("RUNNING");
        assertThat(job.has("attempts")).isTrue();
        assertThat(job.has("estimatedStart")).as("a running job has no estimate").isFalse();
        assertThat(job.has("estimatedStartRange")).isFalse();
    }

    @Test
    void aPendingJobShowsItsEstimatedStartAndRange() {
        jobs.add("j1", VISION, JobState.PENDING, spec());

        JsonNode job = assertJson(get("/api/v1/jobs/j1", VISION_TOKEN), 200);
        assertThat(job.path("state").asText()).isEqualTo("PENDING");
        assertThat(job.path("estimatedStart").asText()).isEqualTo(Fakes.NOW.plusSeconds(60).toString());
        assertThat(job.path("estimatedStartRange").path("earliest").asText())
                .isEqualTo(Fakes.NOW.plusSeconds(30).toString());
        assertThat(job.path("estimatedStartRange").path("latest").asText())
                .isEqualTo(Fakes.NOW.plusSeconds(300).toString());
    }

    private static JobSpec spec() {
        return JobSpec.builder("sim", GpuRequest.fixed(1), new SimulatedWorkload(java.time.Duration.ofSeconds(5)))
                .build();
    }
}
