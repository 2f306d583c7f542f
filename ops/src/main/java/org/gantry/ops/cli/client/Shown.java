package org.gantry.ops.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** How the tables show the API's values: times to the second, ages, GPU requests, allocations, limits. */
final class Shown {
    /** The tenant listing writes "no limit" as the largest int. */
    private static final long UNLIMITED = Integer.MAX_VALUE;

    private Shown() {}

    /** A field's text, or empty when absent. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }

    /** An ISO instant to the second, {@code 2025-05-01T10:00:00Z}; empty when absent. */
    static String time(JsonNode node, String field) {
        Instant at = instant(node, field);
        return at == null ? text(node, field) : at.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** How long ago, kubectl style: {@code 42s}, {@code 5m}, {@code 3h}, {@code 2d}. */
    static String age(JsonNode node, String field, Instant now) {
        Instant at = instant(node, field);
        if (at == null) {
            return "";
        }
        long seconds = Math.max(0, Duration.between(at, now).getSeconds());
        if (seconds < 120) {
            return seconds + "s";
        }
        if (seconds < 2 * 3600) {
            return seconds / 60 + "m";
        }
        return seconds < 2 * 86400 ? seconds / 3600 + "h" : seconds / 86400 + "d";
    }

    /** How far ahead, {@code in 5m}; {@code now} when due or past; {@code -} when absent. */
    static String ahead(JsonNode node, String field, Instant now) {
        Instant at = instant(node, field);
        if (at == null) {
            return "-";
        }
        if (!at.isAfter(now)) {
            return "now";
        }
        // age counts back from a past instant: mirror the future one around now.
        var mirrored = JsonNodeFactory.instance.objectNode().put("at", now.minus(Duration.between(now, at)).toString());
        return "in " + age(mirrored, "at", now);
    }

    /** An estimate's 10-90% range, {@code in 2m - in 3h}; {@code -} when absent. */
    static String range(JsonNode range, Instant now) {
        return range.hasNonNull("earliest")
                ? ahead(range, "earliest", now) + " - " + ahead(range, "latest", now) : "-";
    }

    /** A job's GPU request: {@code 4}, or {@code 2-8} when elastic. */
    static String gpus(JsonNode spec) {
        JsonNode gpus = spec.path("gpus");
        return gpus.isObject() ? gpus.path("min").asText() + "-" + gpus.path("max").asText() : gpus.asText("");
    }

    /**
     * A job's GPUs: what it holds when placed, else what it asks; an elastic job shows both,
     * {@code 4 of 2-8}, or {@code 2-8} while it waits.
     */
    static String jobGpus(JsonNode job) {
        String asked = gpus(job.path("spec"));
        int held = 0;
        for (JsonNode indices : job.path("allocation")) {
            held += indices.size();
        }
        if (held == 0) {
            return asked;
        }
        return job.path("spec").path("gpus").isObject() ? held + " of " + asked : String.valueOf(held);
    }

    /** Where a job runs: {@code node-1[0,1] node-2[0]}. */
    static String allocation(JsonNode job) {
        List<String> parts = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> nodes = job.path("allocation").fields();
        while (nodes.hasNext()) {
            Map.Entry<String, JsonNode> node = nodes.next();
            List<String> indices = new ArrayList<>();
            node.getValue().forEach(index -> indices.add(index.asText()));
            parts.add(node.getKey() + "[" + String.join(",", indices) + "]");
        }
        return String.join(" ", parts);
    }

    /** A quota limit: absent or the largest int means none. */
    static String limit(JsonNode quota) {
        JsonNode limit = quota.get("limit");
        return limit == null || limit.isNull() || limit.asLong() >= UNLIMITED ? "unlimited" : limit.asText();
    }

    private static Instant instant(JsonNode node, String field) {
        String text = text(node, field);
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
