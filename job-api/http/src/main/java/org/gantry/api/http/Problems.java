package org.gantry.api.http;

import static org.apache.pekko.http.javadsl.server.Directives.extractUri;

import java.util.List;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;
import org.gantry.api.validation.Violation;

/**
 * Renders problems as {@code application/problem+json} responses. They are built as whole
 * responses, not marshalled, so no {@code Accept} header can turn an error into a 406.
 */
final class Problems {
    static final ContentType PROBLEM_JSON =
            MediaTypes.applicationWithFixedCharset("problem+json", HttpCharsets.UTF_8).toContentType();

    private Problems() {}

    static Route respond(ProblemType type, String detail) {
        return respond(type, detail, List.of());
    }

    static Route respond(ProblemType type, String detail, List<Violation> errors, HttpHeader... headers) {
        return extractUri(uri -> Directives.complete(response(type, detail, uri.path(), errors, headers)));
    }

    static HttpResponse response(ProblemType type, String detail, String instance, List<Violation> errors,
                                 HttpHeader... headers) {
        Problem problem = Problem.of(type, detail, instance, errors);
        return HttpResponse.create()
                .withStatus(type.status())
                .withEntity(HttpEntities.create(PROBLEM_JSON, JsonMarshalling.bytes(problem)))
                .addHeaders(List.of(headers));
    }

    /** At most a little of what the client sent, to echo in a detail. */
    static String clip(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }

    /** Says how many problems a body has, for the {@code detail} of a validation problem. */
    static String countOf(List<Violation> violations, String what) {
        int n = violations.size();
        return what + " has " + (n == 1 ? "1 problem" : n + " problems") + "; see errors";
    }
}
