package org.gantry.api.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.delete;
import static org.apache.pekko.http.javadsl.server.Directives.extractRequestEntity;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.parameterMap;
import static org.apache.pekko.http.javadsl.server.Directives.pathEnd;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.put;
import static org.apache.pekko.http.javadsl.server.Directives.withRequestTimeout;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.gantry.api.Names;
import org.gantry.api.dataset.DatasetInfo;
import org.gantry.api.service.Caller;
import org.gantry.api.service.DatasetService;
import org.gantry.api.validation.Violation;

/**
 * {@code /datasets…}: the tenants' uploaded CSV files, which {@code djl-train} jobs name. An upload
 * streams: the body is never whole in memory here, and the service validates it as it arrives.
 */
final class DatasetRoutes {
    /** A gigabyte over a slow link takes a while: the server's default request timeout would cut it off. */
    private static final Duration UPLOAD_TIMEOUT = Duration.ofHours(1);

    private final DatasetService datasets;

    DatasetRoutes(DatasetService datasets) {
        this.datasets = datasets;
    }

    Route route(Caller caller) {
        return pathPrefix("datasets", () -> concat(
                pathEnd(() -> get(() -> options(caller, options ->
                        onSuccess(datasets.datasets(caller, options.tenant()), found -> JsonMarshalling.ok(new Datasets(found)))))),
                pathPrefix(segment(), name -> pathEnd(() -> concat(
                        put(() -> upload(caller, name)),
                        get(() -> named(name, () -> options(caller, options ->
                                onSuccess(datasets.dataset(caller, options.tenant(), name), JsonMarshalling::ok)))),
                        delete(() -> named(name, () -> options(caller, options ->
                                onSuccess(datasets.delete(caller, options.tenant(), name),
                                        done -> complete(StatusCodes.NO_CONTENT))))))))));
    }

    private Route upload(Caller caller, String name) {
        if (!Names.isValid(name)) {
            return Problems.respond(ProblemType.INVALID, "'" + Problems.clip(name) + "' is not a dataset name: "
                    + Names.rule(), List.of(new Violation("name", Names.rule())));
        }
        return options(caller, options -> withRequestTimeout(UPLOAD_TIMEOUT, () -> extractRequestEntity(entity -> {
            String type = entity.getContentType().mediaType().toString();
            if (!type.equals("text/csv") && !type.equals("application/octet-stream")) {
                return Problems.respond(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                        "send the dataset as text/csv (or application/octet-stream), not " + type);
            }
            OptionalLong announced = entity.getContentLengthOption();
            if (announced.isPresent() && announced.getAsLong() > datasets.maxBytes()) {
                return Problems.respond(ProblemType.PAYLOAD_TOO_LARGE, tooLarge(announced.getAsLong(), datasets.maxBytes()));
            }
            // The service counts and caps the bytes itself; the server's small default limit is for JSON bodies.
            HttpEntity unlimited = entity.withoutSizeLimit();
            return onSuccess(datasets.put(caller, options.tenant(), name, unlimited.getDataBytes()), stored ->
                    stored.replaced() ? JsonMarshalling.ok(stored.dataset())
                            : JsonMarshalling.created(stored.dataset(), "/api/v1/datasets/" + name));
        })));
    }

    static String tooLarge(long size, long max) {
        return "the dataset is " + size + " bytes, more than the " + max + " this server takes (gantry.datasets.max-bytes)";
    }

    private static Route options(Caller caller, Function<QueryParams.ModelOptions, Route> inner) {
        return parameterMap(params -> QueryParams.with(QueryParams.modelOptions(params), options -> {
            if (options.tenant() != null && !caller.mayActFor(options.tenant())) {
                return Problems.respond(ProblemType.FORBIDDEN,
                        "this token may not use the datasets of tenant '" + options.tenant().value() + "'");
            }
            return inner.apply(options);
        }));
    }

    /** A segment that is not a valid dataset name names no dataset: a 404 like any unknown one. */
    private static Route named(String name, java.util.function.Supplier<Route> inner) {
        return Names.isValid(name) ? inner.get()
                : Problems.respond(ProblemType.NOT_FOUND, "no dataset '" + Problems.clip(name) + "'");
    }

    /** {@code GET /datasets}: wrapped in an object so fields can be added without breaking clients. */
    record Datasets(List<DatasetInfo> datasets) {}
}
