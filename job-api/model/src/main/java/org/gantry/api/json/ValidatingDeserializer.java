package org.gantry.api.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.function.Function;
import org.gantry.api.validation.ReadResult;
import org.gantry.api.validation.ValidationException;

/**
 * Lets plain Jackson binding ({@code mapper.readValue(json, JobSpec.class)}) go through the same
 * reader as requests, so a stored or forwarded spec is held to the same rules. An invalid value
 * fails with a {@link JsonMappingException} whose cause is the {@link ValidationException}.
 */
final class ValidatingDeserializer<T> extends StdDeserializer<T> {
    private final transient Function<JsonNode, ReadResult<T>> reader;

    ValidatingDeserializer(Class<T> type, Function<JsonNode, ReadResult<T>> reader) {
        super(type);
        this.reader = reader;
    }

    @Override
    public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        JsonNode tree = context.readTree(parser);
        ReadResult<T> result = reader.apply(tree);
        if (result instanceof ReadResult.Ok<T> ok) {
            return ok.value();
        }
        ValidationException invalid = new ValidationException(result.violations());
        throw JsonMappingException.from(parser, "invalid " + handledType().getSimpleName() + ": "
                + invalid.getMessage(), invalid);
    }
}
