package org.gantry.api.http;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.pekko.http.javadsl.server.Route;
import org.gantry.api.Names;
import org.gantry.api.job.JobState;
import org.gantry.api.protocol.AgentCommand.LogStream;
import org.gantry.api.service.AuditQuery;
import org.gantry.api.service.JobQuery;
import org.gantry.api.service.QueueQuery;
import org.gantry.api.tenant.TenantId;
import org.gantry.api.validation.ReadResult;
import org.gantry.api.validation.Violation;

/**
 * Reads query parameters, reporting every bad one at once (as a violation whose path is the
 * parameter's name) rather than stopping at the first. Unknown parameters are ignored.
 */
final class QueryParams {
    static final int MAX_CURSOR_LENGTH = 1024;

    /** What {@code GET /jobs/{id}/logs} asks for. */
    /** @param attempt the attempt whose log to read; null for the latest (and, following, the ones after it) */
    record LogOptions(LogStream stream, boolean follow, Integer attempt) {}

    private QueryParams() {}

    static ReadResult<JobQuery> jobQuery(Map<String, String> params) {
        List<Violation> errors = new ArrayList<>();
        JobState state = choice(params, "state", JobState.class, null, errors, JobState::name);
        TenantId tenant = tenant(params, errors);
        String cursor = cursor(params, errors);
        int limit = limit(params, JobQuery.DEFAULT_LIMIT, JobQuery.MAX_LIMIT, errors);
        return errors.isEmpty()
                ? new ReadResult.Ok<>(new JobQuery(state, tenant, cursor, limit))
                : new ReadResult.Invalid<>(errors);
    }

    /** What {@code GET /audit} asks for; times as {@code GET /tenants/{t}/usage} takes them. */
    static ReadResult<AuditQuery> auditQuery(Map<String, String> params, Instant now) {
        List<Violation> errors = new ArrayList<>();
        TenantId tenant = tenant(params, errors);
        Instant from = UsageParams.time(params, "from", null, now, errors);
        Instant to = UsageParams.time(params, "to", null, now, errors);
        if (from != null && to != null && !from.isBefore(to)) {
            errors.add(new Violation("from", "must be before 'to' (" + to + "), got " + from));
        }
        String cursor = cursor(params, errors);
        int limit = limit(params, AuditQuery.DEFAULT_LIMIT, AuditQuery.MAX_LIMIT, errors);
        return errors.isEmpty()
                ? new ReadResult.Ok<>(new AuditQuery(tenant, from, to, cursor, limit))
                : new ReadResult.Invalid<>(errors);
    }

    private static String cursor(Map<String, String> params, List<Violation> errors) {
        String cursor = params.get("cursor");
        if (cursor != null && (cursor.isBlank() || cursor.length() > MAX_CURSOR_LENGTH)) {
            errors.add(new Violation("cursor", "must be the nextCursor of a previous page"));
        }
        return cursor;
    }

    private static int limit(Map<String, String> params, int absent, int max, List<Violation> errors) {
        String limitText = params.get("limit");
        if (limitText == null) {
            return absent;
        }
        int limit;
        try {
            limit = Integer.parseInt(limitText.trim());
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > max) {
            errors.add(new Violation("limit", "must be a whole number between 1 and " + max + ", got '"
                    + limitText + "'"));
        }
        return limit;
    }

    static ReadResult<QueueQuery> queueQuery(Map<String, String> params) {
        List<Violation> errors = new ArrayList<>();
        int offset = wholeNumber(params, "offset", 0, 0, Integer.MAX_VALUE,
                "the nextOffset of a previous page", errors);
        int limit = wholeNumber(params, "limit", QueueQuery.MAX_LIMIT, 1, QueueQuery.MAX_LIMIT,
                "a whole number between 1 and " + QueueQuery.MAX_LIMIT, errors);
        return errors.isEmpty()
                ? new ReadResult.Ok<>(new QueueQuery(offset, limit))
                : new ReadResult.Invalid<>(errors);
    }

    /** The parameter {@code name} as a whole number in [min, max], {@code absent} when not given. */
    private static int wholeNumber(Map<String, String> params, String name, int absent, int min, int max,
                                   String expected, List<Violation> errors) {
        String text = params.get(name);
        if (text == null) {
            return absent;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, like a number out of range
        }
        errors.add(new Violation(name, "must be " + expected + ", got '" + text + "'"));
        return absent;
    }

    /** What {@code GET /models…} asks for: whose models, and which version (null for the newest). */
    record ModelOptions(TenantId tenant, Integer version) {}

    static ReadResult<ModelOptions> modelOptions(Map<String, String> params) {
        List<Violation> errors = new ArrayList<>();
        TenantId tenant = tenant(params, errors);
        Integer version = null;
        String versionText = params.get("version");
        if (versionText != null) {
            try {
                version = Integer.parseInt(versionText.trim());
            } catch (NumberFormatException e) {
                version = 0;
            }
            if (version < 1) {
                errors.add(new Violation("version", "must be a model version (1, 2, …), got '" + versionText + "'"));
            }
        }
        return errors.isEmpty() ? new ReadResult.Ok<>(new ModelOptions(tenant, version)) : new ReadResult.Invalid<>(errors);
    }

    private static TenantId tenant(Map<String, String> params, List<Violation> errors) {
        String tenantText = params.get("tenant");
        if (tenantText == null) {
            return null;
        }
        if (Names.isValid(tenantText)) {
            return new TenantId(tenantText);
        }
        errors.add(new Violation("tenant", "is not a valid tenant name: use " + Names.rule()));
        return null;
    }

    static ReadResult<LogOptions> logOptions(Map<String, String> params) {
        List<Violation> errors = new ArrayList<>();
        LogStream stream = choice(params, "stream", LogStream.class, LogStream.STDOUT, errors,
                s -> s.name().toLowerCase(Locale.ROOT));
        boolean follow = false;
        String followText = params.get("follow");
        if (followText != null) {
            if (followText.equalsIgnoreCase("true") || followText.equalsIgnoreCase("false")) {
                follow = Boolean.parseBoolean(followText);
            } else {
                errors.add(new Violation("follow", "must be true or false, got '" + followText + "'"));
            }
        }
        Integer attempt = null;
        String attemptText = params.get("attempt");
        if (attemptText != null) {
            try {
                attempt = Integer.parseInt(attemptText.trim());
            } catch (NumberFormatException e) {
                attempt = 0;
            }
            if (attempt < 1) {
                errors.add(new Violation("attempt", "must be a whole number from 1 (the job's first attempt), got '"
                        + attemptText + "'"));
            }
        }
        return errors.isEmpty()
                ? new ReadResult.Ok<>(new LogOptions(stream, follow, attempt))
                : new ReadResult.Invalid<>(errors);
    }

    /** Runs {@code inner} with the parsed value, or answers 400 naming each bad parameter. */
    static <T> Route with(ReadResult<T> result, Function<T, Route> inner) {
        return with(result, ProblemType.INVALID_PARAMETER, inner);
    }

    /** Runs {@code inner} with the parsed value, or answers a problem of {@code type} naming each bad parameter. */
    static <T> Route with(ReadResult<T> result, ProblemType type, Function<T, Route> inner) {
        if (result instanceof ReadResult.Ok<T> ok) {
            return inner.apply(ok.value());
        }
        String names = result.violations().stream().map(v -> "'" + v.path() + "'").distinct()
                .collect(Collectors.joining(", "));
        String detail = result.violations().size() == 1
                ? "query parameter " + names + " " + result.violations().get(0).message()
                : "invalid query parameters " + names + "; see errors";
        return Problems.respond(type, detail, result.violations());
    }

    /** An enum constant by name, in any case: {@code state=pending} reads as well as {@code PENDING}. */
    private static <E extends Enum<E>> E choice(Map<String, String> params, String name, Class<E> type, E absent,
                                                List<Violation> errors, Function<E, String> shown) {
        String text = params.get(name);
        if (text == null) {
            return absent;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(text.toUpperCase(Locale.ROOT))) {
                return constant;
            }
        }
        String known = Arrays.stream(type.getEnumConstants()).map(shown)
                .collect(Collectors.joining(", "));
        errors.add(new Violation(name, "must be one of " + known + ", got '" + text + "'"));
        return absent;
    }
}
