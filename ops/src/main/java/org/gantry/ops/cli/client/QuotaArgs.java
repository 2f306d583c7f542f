package org.gantry.ops.cli.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Quotas as written on the command line, {@code POOL=GUARANTEED:LIMIT} ({@code default=16:32};
 * {@code LIMIT} may be {@code unlimited}, or left out for no borrowing: {@code default=16}),
 * turned into the JSON the API takes.
 */
final class QuotaArgs {
    static final String FORM = "POOL=GUARANTEED[:LIMIT], e.g. default=16:32 (LIMIT may be 'unlimited'; "
            + "without it, no borrowing above the guarantee)";
    private static final Pattern QUOTA = Pattern.compile("([^=\\s]+)=(\\d{1,9})(?::(\\d{1,10}|unlimited))?");

    private QuotaArgs() {}

    /** {@code {"default": {"guaranteed": 16, "limit": 32}, …}}; a usage error (exit 2) names a malformed one. */
    static ObjectNode quotas(CommandLine command, List<String> args) {
        ObjectNode quotas = ClientCommand.mapper().createObjectNode();
        for (String arg : args) {
            Matcher matcher = QUOTA.matcher(arg.trim());
            if (!matcher.matches()) {
                throw new CommandLine.ParameterException(command, "quota '" + arg + "' is not " + FORM);
            }
            if (quotas.has(matcher.group(1))) {
                throw new CommandLine.ParameterException(command, "pool '" + matcher.group(1) + "' is given twice");
            }
            ObjectNode quota = quotas.putObject(matcher.group(1));
            quota.put("guaranteed", Long.parseLong(matcher.group(2)));
            String limit = matcher.group(3);
            if ("unlimited".equals(limit)) {
                quota.put("limit", Integer.MAX_VALUE);
            } else if (limit != null) {
                quota.put("limit", Long.parseLong(limit));
            }
        }
        return quotas;
    }
}
