package org.gantry.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.server.Route;
import org.gantry.api.job.JobLimits;
import org.gantry.api.job.JobSpec;
import org.gantry.api.json.GantryJson;
import org.gantry.api.json.JobSpecReader;
import org.gantry.api.service.Caller;
import org.gantry.api.tenant.TenantId;
import org.gantry.api.validation.ReadResult;
import org.gantry.api.validation.Violation;

/**
 * Reads a submitted job spec for a caller. A tenant token implies the tenant, and naming
 * another one is a 403 (a matter of rights, not of form); an admin token implies none, so
 * the body must name it. Pools are left to the service, which knows the live set.
 */
final class JobSubmission {
    static final String TENANT_PATH = "$.tenant";

    private JobSubmission() {}

    private static int compactSize(JsonNode body) {
        try {
            return GantryJson.mapper().writeValueAsBytes(body).length;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree always writes", e);
        }
    }

    /**
     * @param bodyBytes the size of the body as sent. Written compact, a JSON tree takes at most
     *                  twice that (whitespace goes; only a number can grow, {@code 1e9} to
     *                  {@code 1.0E9}), so a body of at most half the limit is not written again
     *                  to be measured.
     */
    static Route read(JsonNode body, int bodyBytes, Caller caller, Function<JobSpec, Route> inner) {
        TenantId implied = caller instanceof Caller.Tenant tenant ? tenant.tenant() : null;
        JsonNode named = body.isObject() ? body.get("tenant") : null;
        if (implied != null && named != null && named.isTextual() && !named.textValue().equals(implied.value())) {
            return Problems.respond(ProblemType.FORBIDDEN, "this token is for tenant '" + implied.value()
                    + "' and may not submit jobs for tenant '" + Problems.clip(named.textValue()) + "'");
        }
        int size = bodyBytes <= JobLimits.MAX_SPEC_BYTES / 2 ? bodyBytes : compactSize(body);
        if (size > JobLimits.MAX_SPEC_BYTES) {
            return Problems.respond(ProblemType.PAYLOAD_TOO_LARGE, "the job spec is " + size + " bytes as compact JSON; "
                    + "at most " + JobLimits.MAX_SPEC_BYTES + " are taken. Keep data out of command, env and labels: "
                    + "upload it as a dataset, or have the job read it from a file");
        }
        ReadResult<JobSpec> result = JobSpecReader.read(body, new JobSpecReader.Context(null, implied));
        if (result instanceof ReadResult.Ok<JobSpec> ok) {
            return inner.apply(ok.value());
        }
        boolean tenantMissing = implied == null && (named == null || named.isNull());
        List<Violation> violations = result.violations().stream()
                .map(v -> tenantMissing && v.path().equals(TENANT_PATH)
                        ? new Violation(TENANT_PATH, "is required: an admin token speaks for no tenant, so name "
                                + "the tenant the job belongs to")
                        : v)
                .toList();
        String detail = Problems.countOf(violations, "the job spec");
        if (tenantMissing) {
            detail = "name the tenant in the body's \"tenant\" field: an admin token speaks for no tenant; " + detail;
        }
        return Problems.respond(ProblemType.INVALID, detail, violations);
    }
}
