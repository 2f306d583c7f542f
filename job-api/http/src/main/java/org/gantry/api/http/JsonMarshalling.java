package org.gantry.api.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.pekko.http.javadsl.marshalling.Marshaller;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.RequestEntity;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.Location;
import org.apache.pekko.http.javadsl.server.Route;
import org.gantry.api.json.GantryJson;

/** JSON answers, always written by {@link GantryJson#mapper()} so the API speaks the one contract. */
final class JsonMarshalling {
    static final Marshaller<Object, RequestEntity> JSON = Marshaller.withFixedContentType(
            ContentTypes.APPLICATION_JSON, value -> HttpEntities.create(ContentTypes.APPLICATION_JSON, bytes(value)));

    private JsonMarshalling() {}

    static Route ok(Object value) {
        return complete(StatusCodes.OK, value, JSON);
    }

    /** 201 for a resource with no address of its own (a tenant: its token is the point). */
    static Route created(Object value) {
        return complete(StatusCodes.CREATED, value, JSON);
    }

    static Route created(Object value, String location) {
        return complete(StatusCodes.CREATED, List.of(Location.create(location)), value, JSON);
    }

    /** A whole response, skipping content negotiation: for probes, which must never get a 406. */
    static HttpResponse response(StatusCode status, Object value) {
        return HttpResponse.create().withStatus(status)
                .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, bytes(value)));
    }

    static byte[] bytes(Object value) {
        try {
            return GantryJson.mapper().writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            // Our own records failed to serialize: a bug, which the exception handler turns into a 500.
            throw new UncheckedIOException(e);
        }
    }
}
