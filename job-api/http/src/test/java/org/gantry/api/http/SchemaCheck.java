package org.gantry.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a JSON value against a schema of the OpenAPI document: the JSON Schema keywords the
 * document uses ({@code $ref}, {@code type}, {@code enum}, {@code const}, {@code oneOf},
 * {@code properties}, {@code required}, {@code additionalProperties}, {@code propertyNames},
 * {@code items} and the bounds), so a test sees whether what the server answers is what the
 * document says. A keyword it does not know fails the check rather than passing unchecked.
 */
final class SchemaCheck {
    private static final List<String> ANNOTATIONS = List.of("description", "default", "examples", "format",
            "discriminator", "title", "contentMediaType", "readOnly", "writeOnly", "deprecated");
    private static final List<String> KNOWN = List.of("$ref", "type", "enum", "const", "oneOf", "properties",
            "required", "additionalProperties", "propertyNames", "maxProperties", "items", "minItems", "maxItems",
            "minimum", "maximum", "exclusiveMinimum", "minLength", "maxLength", "pattern");

    private final OpenApiDocument document;

    SchemaCheck(OpenApiDocument document) {
        this.document = document;
    }

    /** Every way {@code value} breaks {@code schema}, each at its JSON path; empty when it fits. */
    List<String> problems(JsonNode value, JsonNode schema) {
        List<String> problems = new ArrayList<>();
        check(value, schema, "$", problems);
        return problems;
    }

    private void check(JsonNode value, JsonNode schema, String at, List<String> problems) {
        for (Iterator<String> names = schema.fieldNames(); names.hasNext(); ) {
            String keyword = names.next();
            if (!KNOWN.contains(keyword) && !ANNOTATIONS.contains(keyword)) {
                problems.add(at + ": the schema uses '" + keyword + "', which this check does not know");
            }
        }
        if (schema.has("$ref")) {
            JsonNode target = document.at(schema.get("$ref").asText());
            if (target.isMissingNode()) {
                problems.add(at + ": unresolvable $ref " + schema.get("$ref").asText());
                return;
            }
            check(value, target, at, problems);
        }
        if (schema.has("type") && !hasType(value, schema.get("type"))) {
            problems.add(at + ": " + kind(value) + " where the schema wants " + schema.get("type"));
            return;
        }
        if (schema.has("const") && !schema.get("const").equals(value)) {
            problems.add(at + ": " + value + " where the schema wants " + schema.get("const"));
        }
        if (schema.has("enum") && !contains(schema.get("enum"), value)) {
            problems.add(at + ": " + value + " is not one of " + schema.get("enum"));
        }
        if (schema.has("oneOf")) {
            int fitting = 0;
            List<String> why = new ArrayList<>();
            for (JsonNode option : schema.get("oneOf")) {
                List<String> optionProblems = new ArrayList<>();
                check(value, option, at, optionProblems);
                if (optionProblems.isEmpty()) {
                    fitting++;
                } else {
                    why.add(String.join("; ", optionProblems));
                }
            }
            if (fitting != 1) {
                problems.add(at + ": fits " + fitting + " of oneOf's options, not exactly one" + (fitting == 0
                        ? " (" + String.join(" | ", why) + ")" : ""));
            }
        }
        if (value.isNumber()) {
            bounds(value.decimalValue().doubleValue(), schema, at, problems);
        }
        if (value.isTextual()) {
            text(value.textValue(), schema, at, problems);
        }
        if (value.isArray()) {
            array(value, schema, at, problems);
        }
        if (value.isObject()) {
            object(value, schema, at, problems);
        }
    }

    private static void bounds(double number, JsonNode schema, String at, List<String> problems) {
        if (schema.has("minimum") && number < schema.get("minimum").asDouble()) {
            problems.add(at + ": " + number + " is below the minimum " + schema.get("minimum"));
        }
        if (schema.has("maximum") && number > schema.get("maximum").asDouble()) {
            problems.add(at + ": " + number + " is above the maximum " + schema.get("maximum"));
        }
        if (schema.has("exclusiveMinimum") && number <= schema.get("exclusiveMinimum").asDouble()) {
            problems.add(at + ": " + number + " is not above " + schema.get("exclusiveMinimum"));
        }
    }

    private static void text(String text, JsonNode schema, String at, List<String> problems) {
        if (schema.has("minLength") && text.length() < schema.get("minLength").asInt()) {
            problems.add(at + ": shorter than " + schema.get("minLength"));
        }
        if (schema.has("maxLength") && text.length() > schema.get("maxLength").asInt()) {
            problems.add(at + ": longer than " + schema.get("maxLength"));
        }
        if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(text).find()) {
            problems.add(at + ": '" + text + "' does not match " + schema.get("pattern").asText());
        }
        if ("date-time".equals(schema.path("format").asText())) {
            try {
                Instant.parse(text);
            } catch (DateTimeParseException e) {
                problems.add(at + ": '" + text + "' is not an RFC 3339 date-time");
            }
        }
    }

    private void array(JsonNode array, JsonNode schema, String at, List<String> problems) {
        if (schema.has("minItems") && array.size() < schema.get("minItems").asInt()) {
            problems.add(at + ": fewer than " + schema.get("minItems") + " items");
        }
        if (schema.has("maxItems") && array.size() > schema.get("maxItems").asInt()) {
            problems.add(at + ": more than " + schema.get("maxItems") + " items");
        }
        if (schema.has("items")) {
            for (int i = 0; i < array.size(); i++) {
                check(array.get(i), schema.get("items"), at + "[" + i + "]", problems);
            }
        }
    }

    private void object(JsonNode object, JsonNode schema, String at, List<String> problems) {
        schema.path("required").forEach(name -> {
            if (!object.has(name.asText())) {
                problems.add(at + ": lacks the required '" + name.asText() + "'");
            }
        });
        if (schema.has("maxProperties") && object.size() > schema.get("maxProperties").asInt()) {
            problems.add(at + ": more than " + schema.get("maxProperties") + " properties");
        }
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.get("additionalProperties");
        for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) object::fields) {
            String path = at + "." + field.getKey();
            if (schema.has("propertyNames")) {
                check(new TextNode(field.getKey()), schema.get("propertyNames"),
                        path + " (its name)", problems);
            }
            if (properties.has(field.getKey())) {
                check(field.getValue(), properties.get(field.getKey()), path, problems);
            } else if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
                problems.add(path + ": not a property the schema documents");
            } else if (additional != null && additional.isObject()) {
                check(field.getValue(), additional, path, problems);
            }
        }
    }

    private static boolean hasType(JsonNode value, JsonNode type) {
        if (type.isArray()) {
            for (JsonNode one : type) {
                if (hasType(value, one)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> false;
        };
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (JsonNode one : values) {
            if (one.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static String kind(JsonNode value) {
        return value.getNodeType().name().toLowerCase(Locale.ROOT) + " " + value;
    }
}
