package org.gantry.api.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.delete;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.optionalHeaderValueByName;
import static org.apache.pekko.http.javadsl.server.Directives.parameterMap;
import static org.apache.pekko.http.javadsl.server.Directives.parameterOptional;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathEnd;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.post;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import java.util.List;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;
import org.gantry.api.job.Job;
import org.gantry.api.job.JobHistoryEntry;
import org.gantry.api.job.JobId;
import org.gantry.api.validation.Violation;
import org.gantry.api.service.Caller;
import org.gantry.api.service.JobPage;
import org.gantry.api.service.JobService;
import org.gantry.api.service.LogService;

/** {@code /jobs…} and {@code /queue}. Every job leaves through {@link Job#redacted()}. */
final class JobRoutes {
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final int MAX_IDEMPOTENCY_KEY_LENGTH = 256;

    private final JobService jobs;
    private final LogService logs;

    JobRoutes(JobService jobs, LogService logs) {
        this.jobs = jobs;
        this.logs = logs;
    }

    Route route(Caller caller) {
        return concat(
                pathPrefix("jobs", () -> concat(
                        pathEnd(() -> concat(
                                post(() -> submit(caller)),
                                get(() -> list(caller)))),
                        pathPrefix(segment(), text -> PathIds.job(text, whole ->
                                onSuccess(jobs.resolve(caller, text), id -> job(caller, id)))))),
                path("queue", () -> get(() -> parameterMap(params -> QueryParams.with(
                        QueryParams.queueQuery(params),
                        query -> onSuccess(jobs.queue(caller, query), JsonMarshalling::ok))))));
    }

    private Route job(Caller caller, JobId id) {
        return concat(
                pathEnd(() -> concat(
                        get(() -> onSuccess(jobs.details(caller, id), JsonMarshalling::ok)),
                        delete(() -> onSuccess(jobs.cancel(caller, id), job -> JsonMarshalling.ok(job.redacted()))))),
                path("logs", () -> get(() -> logs(caller, id))),
                path("events", () -> get(() -> onSuccess(jobs.history(caller, id),
                        events -> JsonMarshalling.ok(new Events(events))))),
                path("explain", () -> get(() -> onSuccess(jobs.explain(caller, id), JsonMarshalling::ok))));
    }

    private Route submit(Caller caller) {
        return optionalHeaderValueByName(IDEMPOTENCY_KEY, key -> {
            if (key.isPresent() && (key.get().isBlank() || key.get().length() > MAX_IDEMPOTENCY_KEY_LENGTH)) {
                return Problems.respond(ProblemType.BAD_REQUEST, "header " + IDEMPOTENCY_KEY
                        + " must be 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters, not blank");
            }
            return parameterOptional("dryRun", dryRun -> {
                if (dryRun.isPresent() && !dryRun.get().equalsIgnoreCase("true")
                        && !dryRun.get().equalsIgnoreCase("false")) {
                    String message = "must be true or false, got '" + Problems.clip(dryRun.get()) + "'";
                    return Problems.respond(ProblemType.INVALID_PARAMETER, "query parameter 'dryRun' " + message,
                            List.of(new Violation("dryRun", message)));
                }
                boolean preview = dryRun.map(Boolean::parseBoolean).orElse(false);
                return JsonBody.treeAndSize((body, bodyBytes) -> JobSubmission.read(body, bodyBytes, caller, spec -> preview
                        ? onSuccess(jobs.preview(caller, spec), JsonMarshalling::ok)
                        : onSuccess(jobs.submit(caller, spec, key.map(String::trim)), submitted -> {
                            Job job = submitted.job().redacted();
                            SubmitAnswer answer = new SubmitAnswer(job, submitted.warnings());
                            return submitted.created()
                                    ? JsonMarshalling.created(answer, "/api/v1/jobs/" + job.id().value())
                                    : JsonMarshalling.ok(answer);
                        })));
            });
        });
    }

    private Route list(Caller caller) {
        return parameterMap(params -> QueryParams.with(QueryParams.jobQuery(params), query -> {
            if (query.tenant() != null && !caller.mayActFor(query.tenant())) {
                return Problems.respond(ProblemType.FORBIDDEN,
                        "this token may not list the jobs of tenant '" + query.tenant().value() + "'");
            }
            return onSuccess(jobs.list(caller, query), page -> JsonMarshalling.ok(
                    new JobPage(page.jobs().stream().map(Job::redacted).toList(), page.nextCursor())));
        }));
    }

    /** Streams the log as chunked text; with {@code follow} the response lasts until the source completes. */
    private Route logs(Caller caller, JobId id) {
        return parameterMap(params -> QueryParams.with(QueryParams.logOptions(params), options ->
                onSuccess(logs.logs(caller, id, options.stream(), options.follow(), options.attempt()), source ->
                        complete(HttpResponse.create().withEntity(
                                HttpEntities.createChunked(ContentTypes.TEXT_PLAIN_UTF8, source))))));
    }

    /** {@code GET /jobs/{id}/events}: wrapped in an object so fields can be added without breaking clients. */
    record Events(List<JobHistoryEntry> events) {}

}
