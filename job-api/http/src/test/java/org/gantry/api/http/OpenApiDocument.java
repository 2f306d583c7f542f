package org.gantry.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The OpenAPI document the server serves, read from the classpath, and what the tests ask of it. */
final class OpenApiDocument {
    /** The methods an OpenAPI path item may hold that this API could route. */
    static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

    /** One documented operation: its method (upper case), its path template and its definition. */
    record Operation(String method, String path, JsonNode definition, JsonNode pathItem) {
        @Override
        public String toString() {
            return method + " " + path;
        }

        /** Its parameters, the path item's and its own, references resolved. */
        List<JsonNode> parameters(OpenApiDocument document) {
            List<JsonNode> all = new ArrayList<>();
            pathItem.path("parameters").forEach(p -> all.add(document.resolve(p)));
            definition.path("parameters").forEach(p -> all.add(document.resolve(p)));
            return all;
        }
    }

    private final JsonNode root;

    private OpenApiDocument(JsonNode root) {
        this.root = root;
    }

    static OpenApiDocument load() {
        try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(ApiDocsRoutes.DESCRIPTION)) {
            if (in == null) {
                throw new IllegalStateException(ApiDocsRoutes.DESCRIPTION + " is not on the classpath");
            }
            return parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static OpenApiDocument parse(byte[] yaml) {
        try {
            ObjectMapper mapper = new YAMLMapper();
            return new OpenApiDocument(mapper.readTree(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode root() {
        return root;
    }

    List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        root.path("paths").fields().forEachRemaining(path -> {
            for (String method : METHODS) {
                JsonNode definition = path.getValue().get(method);
                if (definition != null) {
                    operations.add(new Operation(method.toUpperCase(Locale.ROOT), path.getKey(), definition,
                            path.getValue()));
                }
            }
        });
        return operations;
    }

    List<String> paths() {
        List<String> paths = new ArrayList<>();
        root.path("paths").fieldNames().forEachRemaining(paths::add);
        return paths;
    }

    /** Whether a concrete path matches a documented template, a parameter standing for one segment. */
    boolean documents(String concretePath) {
        return paths().stream().anyMatch(template -> matches(template, concretePath));
    }

    static boolean matches(String template, String concretePath) {
        String regex = Arrays.stream(template.split("\\{[^/}]+}", -1)).map(Pattern::quote)
                .collect(Collectors.joining("[^/]+"));
        return concretePath.matches(regex);
    }

    /** A node with its {@code $ref} followed (a chain of them too); the node itself otherwise. */
    JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current.has("$ref"); hops++) {
            if (hops > 16) {
                throw new IllegalStateException("$ref cycle at " + node);
            }
            current = at(current.get("$ref").asText());
        }
        return current;
    }

    /** What a local reference ({@code #/components/...}) points at; a missing node when nothing. */
    JsonNode at(String ref) {
        if (!ref.startsWith("#/")) {
            return MissingNode.getInstance();
        }
        return root.at(ref.substring(1));
    }

    /** The path parameters a template names, in order: {@code {id}} of {@code /jobs/{id}}. */
    static List<String> pathParameters(String template) {
        List<String> names = new ArrayList<>();
        Matcher matcher = Pattern.compile("\\{([^/}]+)}").matcher(template);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** Every {@code $ref} value anywhere in the document. */
    Set<String> refs() {
        Set<String> refs = new TreeSet<>();
        collectRefs(root, refs);
        return refs;
    }

    private static void collectRefs(JsonNode node, Set<String> refs) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
                if (field.getKey().equals("$ref") && field.getValue().isTextual()) {
                    refs.add(field.getValue().asText());
                } else {
                    collectRefs(field.getValue(), refs);
                }
            }
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, refs));
        }
    }
}
