package org.gantry.api.http;

import static org.apache.pekko.http.javadsl.server.Directives.extractLog;
import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;
import static org.apache.pekko.http.javadsl.server.Directives.handleExceptions;
import static org.apache.pekko.http.javadsl.server.Directives.handleRejections;

import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.pekko.http.javadsl.model.HttpMethod;
import org.apache.pekko.http.javadsl.model.headers.Allow;
import org.apache.pekko.http.javadsl.model.headers.RetryAfter;
import org.apache.pekko.http.javadsl.server.AuthenticationFailedRejection;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.MalformedRequestContentRejection;
import org.apache.pekko.http.javadsl.server.MethodRejection;
import org.apache.pekko.http.javadsl.server.Rejection;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.RequestEntityExpectedRejection;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.server.UnacceptedResponseContentTypeRejection;
import org.apache.pekko.http.javadsl.server.UnsupportedRequestContentTypeRejection;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.gantry.api.service.ServiceException;

/**
 * Turns every rejection and exception into a problem, so that nothing the server answers is
 * HTML or plain text. Applied around the whole tree by {@link #seal}.
 */
final class ProblemHandlers {
    static final RejectionHandler REJECTIONS = RejectionHandler.newBuilder()
            .handle(UnsupportedRequestContentTypeRejection.class, r -> Problems.respond(
                    ProblemType.UNSUPPORTED_MEDIA_TYPE, "send the body as application/json"))
            .handle(MalformedRequestContentRejection.class, r -> isTooLarge(r.getCause())
                    ? tooLarge()
                    : Problems.respond(ProblemType.MALFORMED_JSON, "the request body could not be read"))
            .handle(RequestEntityExpectedRejection.class, r -> Problems.respond(
                    ProblemType.MALFORMED_JSON, "a JSON body is required"))
            .handle(UnacceptedResponseContentTypeRejection.class, r -> Problems.respond(
                    ProblemType.NOT_ACCEPTABLE, "this resource answers only application/json"))
            .handle(AuthenticationFailedRejection.class, r -> Problems.respond(
                    ProblemType.UNAUTHORIZED, "the bearer token is missing or not valid"))
            .handleAll(MethodRejection.class, ProblemHandlers::methodNotAllowed)
            // Whatever else a directive rejects with: still a problem, never Pekko's text default.
            .handleAll(Rejection.class, rs -> Problems.respond(ProblemType.BAD_REQUEST,
                    "the request was rejected (" + rs.get(0).getClass().getSimpleName() + ")"))
            .handleNotFound(Problems.respond(ProblemType.NOT_FOUND, "there is no resource at this path"))
            .build();

    static final ExceptionHandler EXCEPTIONS = ExceptionHandler.newBuilder()
            .matchAny(thrown -> answer(unwrap(thrown)))
            .build();

    private ProblemHandlers() {}

    /** The route, with every rejection and exception it can produce answered as a problem. */
    static Route seal(Route route) {
        return handleExceptions(EXCEPTIONS, () -> handleRejections(REJECTIONS, () -> route));
    }

    private static Route answer(Throwable error) {
        if (error instanceof ServiceException e) {
            ProblemType type = typeOf(e);
            String message = e.getMessage();
            String detail = message == null || message.isBlank() ? type.title() : message;
            if (e instanceof ServiceException.Unavailable unavailable) {
                return Problems.respond(type, detail, List.of(), RetryAfter.create(unavailable.retryAfter().toSeconds()));
            }
            if (e instanceof ServiceException.TooManyRequests tooMany) {
                return Problems.respond(type, detail, List.of(), retryAfter(tooMany.retryAfter()));
            }
            if (e instanceof ServiceException.Invalid invalid && !invalid.errors().isEmpty()) {
                return Problems.respond(type, detail, invalid.errors());
            }
            return Problems.respond(type, detail);
        }
        if (isTooLarge(error)) {
            return tooLarge();
        }
        // A bug or an outage below us: log it in full, tell the client nothing internal.
        return extractRequest(request -> extractLog(log -> {
            log.error(error, "unexpected failure answering {} {}", request.method().value(), request.getUri().path());
            return Problems.respond(ProblemType.INTERNAL, "an unexpected error occurred; it has been logged");
        }));
    }

    static ProblemType typeOf(ServiceException e) {
        if (e instanceof ServiceException.NotFound) {
            return ProblemType.NOT_FOUND;
        }
        if (e instanceof ServiceException.Conflict) {
            return ProblemType.CONFLICT;
        }
        if (e instanceof ServiceException.Forbidden) {
            return ProblemType.FORBIDDEN;
        }
        if (e instanceof ServiceException.Invalid) {
            return ProblemType.INVALID;
        }
        if (e instanceof ServiceException.TooLarge) {
            return ProblemType.PAYLOAD_TOO_LARGE;
        }
        if (e instanceof ServiceException.TooManyRequests) {
            return ProblemType.TOO_MANY_REQUESTS;
        }
        return ProblemType.UNAVAILABLE;
    }

    /** Whole seconds, rounded up: a client that waits what it is told is not refused again for a fraction. */
    static RetryAfter retryAfter(java.time.Duration wait) {
        return RetryAfter.create(retryAfterSeconds(wait));
    }

    /** {@code wait} in whole seconds, rounded up, at least 1. */
    static long retryAfterSeconds(java.time.Duration wait) {
        return Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
    }

    /** Failed stages arrive wrapped, depending on how the service composed them. */
    static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static boolean isTooLarge(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof EntityStreamSizeException) {
                return true;
            }
        }
        return false;
    }

    private static Route tooLarge() {
        return Problems.respond(ProblemType.PAYLOAD_TOO_LARGE,
                "the request body exceeds " + JsonBody.MAX_BYTES + " bytes");
    }

    private static Route methodNotAllowed(List<MethodRejection> rejections) {
        HttpMethod[] allowed = rejections.stream().map(MethodRejection::supported).distinct()
                .toArray(HttpMethod[]::new);
        String names = rejections.stream().map(r -> r.supported().value()).distinct()
                .collect(Collectors.joining(", "));
        return Problems.respond(ProblemType.METHOD_NOT_ALLOWED, "this path allows " + names, List.of(),
                Allow.create(allowed));
    }
}
