package org.gantry.api.http;

import static org.apache.pekko.http.javadsl.server.Directives.entity;
import static org.apache.pekko.http.javadsl.server.Directives.withSizeLimit;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.gantry.api.json.GantryJson;
import org.gantry.api.validation.ReadResult;

/**
 * Reads a request body as a JSON tree: at most {@link #MAX_BYTES} (else 413), declared as
 * {@code application/json} (else 415), well-formed (else 400). The spec readers then take
 * the tree, so a malformed body (400) is told apart from a well-formed but invalid one (422).
 */
final class JsonBody {
    static final long MAX_BYTES = 1024 * 1024;

    private static final Unmarshaller<HttpEntity, byte[]> JSON_BYTES =
            Unmarshaller.forMediaType(MediaTypes.APPLICATION_JSON, Unmarshaller.entityToByteArray());

    private JsonBody() {}

    static Route tree(Function<JsonNode, Route> inner) {
        return treeAndSize((tree, bodyBytes) -> inner.apply(tree));
    }

    /** {@link #tree}, also telling how many bytes the body had. */
    static Route treeAndSize(BiFunction<JsonNode, Integer, Route> inner) {
        return withSizeLimit(MAX_BYTES, () -> entity(JSON_BYTES, bytes -> {
            ReadResult<JsonNode> parsed = parse(bytes);
            if (parsed instanceof ReadResult.Ok<JsonNode> ok) {
                return inner.apply(ok.value(), bytes.length);
            }
            return Problems.respond(ProblemType.MALFORMED_JSON, "the request body is not well-formed JSON",
                    parsed.violations());
        }));
    }

    /**
     * The body's bytes, unparsed, with the same limits and media type: for a body that is only
     * passed on (predictions go to a replica, which reads them).
     */
    static Route raw(Function<byte[], Route> inner) {
        return withSizeLimit(MAX_BYTES, () -> entity(JSON_BYTES, inner::apply));
    }

    /** The body's tree, or one violation at {@code $} saying where parsing stopped. */
    static ReadResult<JsonNode> parse(byte[] bytes) {
        try {
            JsonNode node = GantryJson.mapper().readTree(bytes);
            if (node == null || node.isMissingNode()) {
                return ReadResult.Invalid.of("$", "body is empty; expected a JSON object");
            }
            return new ReadResult.Ok<>(node);
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            String at = where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
            return ReadResult.Invalid.of("$", "malformed JSON" + at + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            // Reading a byte array does no I/O; only a parse failure can land here.
            return ReadResult.Invalid.of("$", "malformed JSON: " + e.getMessage());
        }
    }
}
