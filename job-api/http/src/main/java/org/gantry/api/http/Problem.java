package org.gantry.api.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.gantry.api.validation.Violation;

/**
 * An RFC 9457 problem body. {@code errors} lists every violation of a validation problem
 * and is left out of the JSON otherwise: a problem with no violations has none to list, unlike
 * a list answer, so the shared mapper's "lists are always there" does not apply.
 *
 * @param instance the request path the problem occurred at
 */
public record Problem(String type, String title, int status, String detail, String instance,
                      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Violation> errors) {
    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    static Problem of(ProblemType type, String detail, String instance, List<Violation> errors) {
        return new Problem(type.uri(), type.title(), type.status().intValue(), detail, instance, errors);
    }
}
