package org.gantry.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.service.Caller;
import org.gantry.api.service.ClusterService.NodeAction;
import org.gantry.api.tenant.PoolQuota;
import org.gantry.api.tenant.TenantSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code openapi.yaml} and the routes together, both ways, against the real routes over the
 * fakes: every documented operation is routed, answers only documented statuses and types, and
 * its JSON fits the documented schema; every route is documented (other methods on a documented
 * path are 405, every path literal of the route classes is in a documented path, and nothing
 * answers on paths next to the documented ones). A failure lists every operation at fault, as
 * {@code METHOD /path}, so the document can be brought up to date from the message alone.
 */
class OpenApiMatchesRoutesTest extends RouteTestBase {
    /** What the sealed tree answers where no route matched the path at all. */
    private static final String NO_ROUTE = "there is no resource at this path";
    private static final Path ROUTE_SOURCES = Path.of("src/main/java/org/gantry/api/http");
    private static final Pattern PATH_LITERAL =
            Pattern.compile("\\b(?:path|pathPrefix|segment|slash)\\(\\s*\"([^\"]+)\"");

    private final OpenApiDocument document = OpenApiDocument.load();
    private final SchemaCheck schemas = new SchemaCheck(document);

    @BeforeEach
    void freshFakes() {
        jobs.clear();
        tenants.clear();
        jobs.put(ApiSamples.fullJob());
        tenants.create(new Caller.Admin(), new TenantSpec(Fakes.VISION, Map.of(PoolId.DEFAULT, new PoolQuota(8, 16))));
    }

    @Test
    void everyDocumentedOperationIsRoutedAndAnswersAsDocumented() {
        List<String> faults = new ArrayList<>();
        for (OpenApiDocument.Operation operation : document.operations()) {
            List<Map.Entry<String, JsonNode>> examples = operation.definition().has("requestBody")
                    ? ApiSamples.requestExamples(document, operation.definition().get("requestBody")) : List.of();
            String contentType = examples.isEmpty() ? null : examples.get(0).getKey();
            String body = examples.isEmpty() ? null : text(examples.get(0).getValue());
            HttpResponse<String> response = send(ApiSamples.withMethod(
                    request(ApiSamples.target(document, operation), Fakes.ADMIN_TOKEN), operation.method(),
                    contentType, body).build());
            if (isUnrouted(response)) {
                faults.add(operation + " is documented but not routed: it answered " + response.statusCode()
                        + " " + response.body());
                continue;
            }
            faults.addAll(answerFaults(operation, response));
        }
        assertNone(faults, "openapi.yaml documents operations the routes do not serve as documented");
    }

    @Test
    void everyRequestBodyExampleIsAcceptedAndFitsItsSchema() {
        tenants.clear(); // the example creates tenant vision
        List<String> faults = new ArrayList<>();
        int sent = 0;
        for (OpenApiDocument.Operation operation : document.operations()) {
            JsonNode requestBody = operation.definition().get("requestBody");
            if (requestBody == null) {
                continue;
            }
            JsonNode content = document.resolve(requestBody).path("content");
            for (Map.Entry<String, JsonNode> example : ApiSamples.requestExamples(document, requestBody)) {
                JsonNode schema = content.path(example.getKey()).path("schema");
                if (example.getValue().isContainerNode()) {
                    schemas.problems(example.getValue(), schema).forEach(problem ->
                            faults.add(operation + " example " + example.getValue() + ": " + problem));
                }
                // A job that names no tenant is a tenant token's; one that names one needs the admin's.
                boolean tenantImplied = operation.path().equals("/api/v1/jobs") && !example.getValue().has("tenant");
                HttpResponse<String> response = send(ApiSamples.withMethod(request(
                                ApiSamples.target(document, operation),
                                tenantImplied ? Fakes.VISION_TOKEN : Fakes.ADMIN_TOKEN),
                        operation.method(), example.getKey(), text(example.getValue())).build());
                sent++;
                if (response.statusCode() / 100 != 2) {
                    faults.add(operation + " refused its example " + example.getValue() + ": "
                            + response.statusCode() + " " + response.body());
                } else {
                    faults.addAll(answerFaults(operation, response));
                }
            }
        }
        assertThat(sent).as("request body examples sent").isGreaterThanOrEqualTo(8);
        assertNone(faults, "openapi.yaml's request examples");
    }

    @Test
    void everyOtherMethodOnADocumentedPathIsRefusedWith405() {
        List<String> faults = new ArrayList<>();
        for (String path : document.paths()) {
            JsonNode item = document.root().path("paths").path(path);
            for (String method : OpenApiDocument.METHODS) {
                if (item.has(method)) {
                    continue;
                }
                String upper = method.toUpperCase(Locale.ROOT);
                HttpResponse<String> response = send(ApiSamples.withMethod(
                        request(ApiSamples.path(path), Fakes.ADMIN_TOKEN), upper, null, null).build());
                // A path with no route at all is reported by the test of the documented operations.
                if (response.statusCode() != 405 && !isUnrouted(response)) {
                    faults.add(upper + " " + path + " is routed but not documented: it answered "
                            + response.statusCode() + ", not 405: " + response.body());
                }
            }
        }
        assertNone(faults, "routes missing from openapi.yaml");
    }

    @Test
    void everyPathLiteralOfTheRouteClassesIsInADocumentedPath() {
        Map<String, Set<String>> literals = routeLiterals();
        assertThat(literals).as("the scan of %s found the routes' literals", ROUTE_SOURCES)
                .containsKeys("jobs", "queue", "quota", "predict", "datasets", "healthz", "cordon", "drain");
        Set<String> documentedSegments = new LinkedHashSet<>();
        document.paths().forEach(path -> documentedSegments.addAll(Arrays.asList(path.split("/"))));
        List<String> faults = new ArrayList<>();
        literals.forEach((literal, files) -> {
            boolean documented = Arrays.stream(literal.split("/")).allMatch(documentedSegments::contains);
            if (!documented) {
                faults.add("path literal \"" + literal + "\" of " + files + " is in no documented path");
            }
        });
        assertNone(faults, "routes missing from openapi.yaml");
    }

    /**
     * Probes the paths next to the documented ones (each prefix of a documented path, then a
     * route literal or a sample segment, then a literal) for a route the document lacks. A path
     * with any route answers a GET it does not take with a 405, and one it takes with what the
     * route answers; only a 404 says nothing, since a route under a path parameter answers 404
     * for a segment that is no valid id (the literal scan above covers routes that only 404 here).
     */
    @Test
    void noUndocumentedPathAnswersNextToTheDocumentedOnes() {
        Set<String> literals = routeLiterals().keySet();
        Set<String> prefixes = new LinkedHashSet<>();
        for (String template : document.paths()) {
            String[] segments = template.split("/");
            for (int n = 2; n <= segments.length; n++) {
                prefixes.add(String.join("/", Arrays.copyOf(segments, n)));
            }
        }
        // Templates to probe, each filled in with samples when sent. {segment} stands for a path
        // parameter the document does not have yet; where it has one, that one is probed instead.
        Set<String> candidates = new LinkedHashSet<>();
        for (String prefix : prefixes) {
            boolean parameterNext = document.paths().stream().anyMatch(path -> path.startsWith(prefix + "/{"));
            candidates.add(prefix);
            for (String literal : literals) {
                candidates.add(prefix + "/" + literal);
            }
            if (!parameterNext) {
                candidates.add(prefix + "/{segment}");
                for (String literal : literals) {
                    candidates.add(prefix + "/{segment}/" + literal);
                }
            }
        }
        List<String> faults = new ArrayList<>();
        int probed = 0;
        for (String candidate : candidates) {
            String path = ApiSamples.path(candidate);
            if (document.documents(path)) {
                continue;
            }
            probed++;
            HttpResponse<String> response = get(path, Fakes.ADMIN_TOKEN);
            if (response.statusCode() != 404) {
                String methods = response.statusCode() == 405
                        ? response.headers().firstValue("Allow").orElse("?") : "GET";
                faults.add(methods + " " + candidate + " is routed but not documented (GET " + path + " answered "
                        + response.statusCode() + ")");
            }
        }
        assertThat(probed).as("paths probed").isGreaterThan(100);
        assertNone(faults, "routes missing from openapi.yaml");
    }

    @Test
    void theDocumentedSecurityIsWhatTheRoutesAsk() {
        List<String> faults = new ArrayList<>();
        for (OpenApiDocument.Operation operation : document.operations()) {
            JsonNode security = operation.definition().has("security")
                    ? operation.definition().get("security") : document.root().path("security");
            boolean open = security.isEmpty();
            HttpResponse<String> response = send(ApiSamples.withMethod(
                    request(ApiSamples.target(document, operation), null), operation.method(), null, null).build());
            if (open && response.statusCode() == 401) {
                faults.add(operation + " is documented without security but answers 401 without a token");
            }
            if (!open && response.statusCode() != 401) {
                faults.add(operation + " is documented with bearer security but answers " + response.statusCode()
                        + " without a token");
            }
        }
        assertNone(faults, "openapi.yaml's security");
    }

    /** Fails listing every fault, one a line, after {@code what}. */
    private static void assertNone(List<String> faults, String what) {
        assertThat(faults).withFailMessage("%s:%n%s", what, String.join("\n", faults)).isEmpty();
    }

    /** The status is documented for the operation, the type for the status, and a JSON body fits its schema. */
    private List<String> answerFaults(OpenApiDocument.Operation operation, HttpResponse<String> response) {
        List<String> faults = new ArrayList<>();
        String status = Integer.toString(response.statusCode());
        JsonNode documented = operation.definition().path("responses").get(status);
        if (documented == null) {
            faults.add(operation + " answered " + status + ", which its documented responses lack: "
                    + response.body());
            return faults;
        }
        JsonNode content = document.resolve(documented).path("content");
        String type = contentType(response).split(";")[0].trim();
        if (content.isEmpty()) {
            if (!response.body().isEmpty()) {
                faults.add(operation + " " + status + " has a " + type + " body where none is documented");
            }
            return faults;
        }
        if (!content.has(type)) {
            faults.add(operation + " " + status + " answered " + type + ", documented as " + fieldNames(content));
            return faults;
        }
        if (type.endsWith("json")) {
            schemas.problems(json(response), content.path(type).path("schema")).forEach(problem ->
                    faults.add(operation + " " + status + " body " + problem));
        }
        return faults;
    }

    /** The router's own 404 (no route matched the path) rather than a route's 404 for an unknown thing. */
    private static boolean isUnrouted(HttpResponse<String> response) {
        return response.statusCode() == 404 && response.body().contains(NO_ROUTE);
    }

    /** Each path literal of the route classes' sources, with the files it is in; node actions included. */
    private static Map<String, Set<String>> routeLiterals() {
        Map<String, Set<String>> literals = new TreeMap<>();
        try (Stream<Path> files = Files.list(ROUTE_SOURCES)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith("Routes.java")).toList()) {
                Matcher matcher = PATH_LITERAL.matcher(Files.readString(file));
                while (matcher.find()) {
                    literals.computeIfAbsent(matcher.group(1), k -> new TreeSet<>())
                            .add(file.getFileName().toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the route sources in " + ROUTE_SOURCES.toAbsolutePath(), e);
        }
        for (NodeAction action : NodeAction.values()) {
            literals.computeIfAbsent(action.name().toLowerCase(Locale.ROOT), k -> new TreeSet<>())
                    .add("ClusterService.NodeAction");
        }
        return literals;
    }

    private static String text(JsonNode example) {
        return example.isTextual() ? example.textValue() : example.toString();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
