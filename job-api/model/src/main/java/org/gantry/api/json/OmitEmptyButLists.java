package org.gantry.api.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/**
 * Which property values {@link GantryJson} leaves out (Jackson calls {@code equals(value)}: true
 * means omit): null, empty strings, empty maps and objects, absent optionals. Lists and arrays are
 * always written, empty ones as {@code []}: "no jobs" is an answer a client iterates, and a
 * missing field reads as "this server does not say".
 */
public final class OmitEmptyButLists {
    @Override
    public boolean equals(Object value) {
        if (value == null) {
            return true;
        }
        if (value instanceof CharSequence text) {
            return text.length() == 0;
        }
        if (value instanceof Map<?, ?> map) {
            return map.isEmpty();
        }
        if (value instanceof Optional<?> optional) {
            return optional.isEmpty();
        }
        if (value instanceof JsonNode node) {
            return node.isMissingNode() || node.isNull() || (node.isObject() && node.isEmpty());
        }
        return false;
    }

    @Override
    public int hashCode() {
        return OmitEmptyButLists.class.hashCode();
    }
}
