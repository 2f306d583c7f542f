package org.gantry.ops.dashboard;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.getFromResource;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.pathSingleSlash;
import static org.apache.pekko.http.javadsl.server.Directives.reject;
import static org.apache.pekko.http.javadsl.server.Directives.respondWithHeaders;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import java.util.List;
import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Route;
import org.gantry.api.http.ClasspathFiles;

/**
 * The web dashboard: its page at {@code /}, its scripts and styles under {@code /dashboard/},
 * and uPlot from its WebJar under {@code /dashboard/uplot/}. All of it is static and served
 * without a token (it holds no data); the page asks the REST API for everything, with the token
 * the user logs in with. A strict content security policy allows only these same-origin scripts,
 * so a job name or log line the page shows can never run as code.
 */
public final class DashboardRoute {
    private static final String OURS = "org/gantry/ops/dashboard/";
    /** One path segment naming a file: no directories, nothing hidden, no {@code ..}. */
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9][-_.A-Za-z0-9]*");
    private static final List<HttpHeader> HARDENING = List.of(
            RawHeader.create("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; "
                    + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
                    + "form-action 'self'"),
            RawHeader.create("X-Content-Type-Options", "nosniff"),
            RawHeader.create("Referrer-Policy", "no-referrer"),
            // Short: a restarted control plane of a newer version serves its own scripts within a minute.
            RawHeader.create("Cache-Control", "max-age=60"));

    private DashboardRoute() {}

    public static Route of() {
        HttpResponse index = HttpResponse.create()
                .withEntity(HttpEntities.create(ContentTypes.TEXT_HTML_UTF8, ClasspathFiles.read(OURS + "index.html")));
        String uplot = ClasspathFiles.webjarFolder("org.webjars.npm", "uplot") + "dist/";
        return respondWithHeaders(HARDENING, () -> get(() -> concat(
                pathSingleSlash(() -> complete(index)),
                pathPrefix("dashboard", () -> concat(
                        path(segment("uplot").slash(segment()), name -> file(uplot, name)),
                        path(segment(), name -> file(OURS, name)))))));
    }

    /** A file the folder lacks rejects, which the seal answers as a 404 like any unknown path. */
    private static Route file(String folder, String name) {
        return FILE.matcher(name).matches() ? getFromResource(folder + name) : reject();
    }
}
