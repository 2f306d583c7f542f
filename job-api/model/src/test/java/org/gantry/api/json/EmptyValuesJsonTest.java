package org.gantry.api.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the one mapper leaves out: nothing list-valued; null, empty strings, maps and optionals as before. */
class EmptyValuesJsonTest {

    record Everything(List<String> list, String[] array, Map<String, String> map, String text, Optional<String> maybe,
                      Integer absent, int zero, boolean no, Map<String, List<Integer>> allocation,
                      Map<String, String> settings) {}

    @Test
    void emptyListsAndArraysAreWrittenOtherEmptiesLeftOut() throws Exception {
        var value = new Everything(List.of(), new String[0], Map.of(), "", Optional.empty(), null, 0, false,
                Map.of("gpu-1", List.of()), Map.of("X", ""));

        JsonNode written = GantryJson.mapper().valueToTree(value);

        assertThat(written.get("list").isArray()).isTrue();
        assertThat(written.get("list")).isEmpty();
        assertThat(written.get("array").isArray()).isTrue();
        assertThat(written.has("map")).as("empty map").isFalse();
        assertThat(written.has("text")).as("empty string").isFalse();
        assertThat(written.has("maybe")).as("absent optional").isFalse();
        assertThat(written.has("absent")).as("null").isFalse();
        assertThat(written.get("zero").asInt()).isZero();
        assertThat(written.get("no").asBoolean()).isFalse();
        assertThat(written.get("allocation").get("gpu-1").isArray()).as("lists inside maps").isTrue();
        assertThat(written.get("settings").get("X").asText()).as("empty strings inside maps are settings").isEmpty();
    }

    @Test
    void aNullListIsStillLeftOut() {
        var value = new Everything(null, null, null, null, null, null, 1, true, null, null);

        JsonNode written = GantryJson.mapper().valueToTree(value);

        assertThat(written.has("list")).isFalse();
        assertThat(written.has("array")).isFalse();
    }
}
