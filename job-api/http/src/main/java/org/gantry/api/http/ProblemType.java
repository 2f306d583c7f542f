package org.gantry.api.http;

import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;

/**
 * The kinds of problem the API answers with. Each has a stable {@code type} URI, so clients
 * branch on the kind rather than on wording, and the one status it is sent with.
 */
enum ProblemType {
    MALFORMED_JSON("malformed-json", "Malformed JSON", StatusCodes.BAD_REQUEST),
    INVALID_PARAMETER("invalid-parameter", "Invalid request parameter", StatusCodes.BAD_REQUEST),
    BAD_REQUEST("bad-request", "Bad request", StatusCodes.BAD_REQUEST),
    UNAUTHORIZED("unauthorized", "Authentication required", StatusCodes.UNAUTHORIZED),
    FORBIDDEN("forbidden", "Forbidden", StatusCodes.FORBIDDEN),
    NOT_FOUND("not-found", "Not found", StatusCodes.NOT_FOUND),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", StatusCodes.METHOD_NOT_ALLOWED),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable", StatusCodes.NOT_ACCEPTABLE),
    CONFLICT("conflict", "Conflict", StatusCodes.CONFLICT),
    PAYLOAD_TOO_LARGE("payload-too-large", "Request body too large", StatusCodes.CONTENT_TOO_LARGE),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", StatusCodes.UNSUPPORTED_MEDIA_TYPE),
    INVALID("invalid-request", "Invalid request", StatusCodes.UNPROCESSABLE_CONTENT),
    TOO_MANY_REQUESTS("too-many-requests", "Too many requests", StatusCodes.TOO_MANY_REQUESTS),
    INTERNAL("internal-error", "Internal server error", StatusCodes.INTERNAL_SERVER_ERROR),
    UNAVAILABLE("unavailable", "Service unavailable", StatusCodes.SERVICE_UNAVAILABLE);

    /** A URN rather than a URL: we promise a stable name, not a page to fetch. */
    private static final String PREFIX = "urn:gantry:problem:";

    private final String uri;
    private final String title;
    private final StatusCode status;

    ProblemType(String slug, String title, StatusCode status) {
        this.uri = PREFIX + slug;
        this.title = title;
        this.status = status;
    }

    String uri() {
        return uri;
    }

    String title() {
        return title;
    }

    StatusCode status() {
        return status;
    }
}
