package org.gantry.api.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one configured Jackson mapper, so every module writes the contract the same way:
 * instants and durations as ISO-8601 strings ({@code "PT2H"}), absent and empty values left
 * out except lists, which are always there ({@code []} when empty; see {@link OmitEmptyButLists}), map keys sorted for stable output, and strict reading (unknown fields, duplicate keys
 * and trailing content are errors, never silently dropped).
 */
public final class GantryJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new GantryModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            // Leave out null and empty values but not lists, and keep empty strings inside maps: "X": "" is a
            // real setting.
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.CUSTOM,
                    JsonInclude.Include.ALWAYS, OmitEmptyButLists.class, null))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private GantryJson() {}

    /** The shared mapper. Thread-safe once configured: do not reconfigure it; {@code copy()} it to adapt. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
