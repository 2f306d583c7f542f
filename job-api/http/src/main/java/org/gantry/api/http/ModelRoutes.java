package org.gantry.api.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.parameterMap;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathEnd;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.post;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;
import org.gantry.api.Names;
import org.gantry.api.model.ModelVersion;
import org.gantry.api.service.Caller;
import org.gantry.api.service.ModelService;

/** {@code /models…}: the tenants' trained models, their versions, and predictions of the served ones. */
final class ModelRoutes {
    private final ModelService models;

    ModelRoutes(ModelService models) {
        this.models = models;
    }

    Route route(Caller caller) {
        return pathPrefix("models", () -> concat(
                pathEnd(() -> get(() -> options(caller, options ->
                        onSuccess(models.models(caller, options.tenant()), found -> JsonMarshalling.ok(new Models(found)))))),
                pathPrefix(segment(), name -> named(name, () -> model(caller, name)))));
    }

    private Route model(Caller caller, String name) {
        return concat(
                pathEnd(() -> get(() -> options(caller, options ->
                        onSuccess(models.model(caller, options.tenant(), name, options.version()), JsonMarshalling::ok)))),
                path("versions", () -> get(() -> options(caller, options ->
                        onSuccess(models.versions(caller, options.tenant(), name),
                                found -> JsonMarshalling.ok(new Versions(found)))))),
                path("predict", () -> post(() -> options(caller, options -> JsonBody.raw(rows ->
                        onSuccess(models.predict(caller, options.tenant(), name, rows), answer ->
                                complete(HttpResponse.create().withEntity(ContentTypes.APPLICATION_JSON, answer))))))));
    }

    private static Route options(Caller caller, Function<QueryParams.ModelOptions, Route> inner) {
        return parameterMap(params -> QueryParams.with(QueryParams.modelOptions(params), options -> {
            if (options.tenant() != null && !caller.mayActFor(options.tenant())) {
                return Problems.respond(ProblemType.FORBIDDEN,
                        "this token may not read the models of tenant '" + options.tenant().value() + "'");
            }
            return inner.apply(options);
        }));
    }

    /** A segment that is not a valid model name names no model: a 404 like any unknown one. */
    private static Route named(String name, Supplier<Route> inner) {
        return Names.isValid(name) ? inner.get()
                : Problems.respond(ProblemType.NOT_FOUND, "no model '" + Problems.clip(name) + "'");
    }

    /** {@code GET /models}: wrapped in an object so fields can be added without breaking clients. */
    record Models(List<ModelVersion> models) {}

    /** {@code GET /models/{name}/versions}, newest first. */
    record Versions(List<ModelVersion> versions) {}
}
