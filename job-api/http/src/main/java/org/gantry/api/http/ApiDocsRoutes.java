package org.gantry.api.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.getFromResource;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathEndOrSingleSlash;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The API's description, {@code GET /api/v1/openapi.yaml}, and Swagger UI over it at
 * {@code /api/docs}, both without a token: a client reads them before it has one, and they hold
 * no secrets. The UI's scripts and styles come from the {@code org.webjars:swagger-ui} jar; only
 * its page and initializer are ours, so it opens on this API rather than the WebJar's demo.
 */
final class ApiDocsRoutes {
    static final String DESCRIPTION = "org/gantry/api/http/openapi.yaml";
    static final ContentType YAML = MediaTypes.applicationWithFixedCharset("yaml", HttpCharsets.UTF_8).toContentType();

    /** One path segment naming a file: no directories, nothing hidden, no {@code ..}. */
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9][-_.A-Za-z0-9]*");

    private final HttpResponse description = page(YAML, DESCRIPTION);
    private final HttpResponse index = page(ContentTypes.TEXT_HTML_UTF8, "org/gantry/api/http/api-docs.html");
    private final HttpResponse initializer = page(
            MediaTypes.applicationWithFixedCharset("javascript", HttpCharsets.UTF_8).toContentType(),
            "org/gantry/api/http/api-docs.js");
    private final String webjar = ClasspathFiles.webjarFolder("org.webjars", "swagger-ui");

    /**
     * Each path seals its own methods, so another method is a 405 here rather than falling
     * through to the API's authentication and becoming a 401.
     */
    Route route() {
        return concat(
                path(segment("api").slash("v1").slash("openapi.yaml"), () -> only(complete(description))),
                pathPrefix(segment("api").slash("docs"), () -> concat(
                        pathEndOrSingleSlash(() -> only(complete(index))),
                        path(segment(), this::file))));
    }

    private Route file(String name) {
        if (name.equals("index.html")) {
            return only(complete(index));
        }
        if (name.equals("swagger-initializer.js")) {
            return only(complete(initializer));
        }
        // A file the WebJar lacks rejects, which the seal answers as a 404 like any unknown path.
        return FILE.matcher(name).matches() ? only(getFromResource(webjar + name))
                : Problems.respond(ProblemType.NOT_FOUND, "there is no resource at this path");
    }

    private static Route only(Route answer) {
        return ProblemHandlers.seal(get(() -> answer));
    }

    private static HttpResponse page(ContentType type, String resource) {
        return HttpResponse.create().withEntity(HttpEntities.create(type, ClasspathFiles.read(resource)));
    }
}
