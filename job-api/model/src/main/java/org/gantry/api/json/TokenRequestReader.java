package org.gantry.api.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.gantry.api.tenant.TokenRequest;
import org.gantry.api.tenant.TokenRole;
import org.gantry.api.validation.ReadResult;
import org.gantry.api.validation.Violations;

/**
 * Reads what a new token is asked to be, {@code {"name": "ci", "expiresIn": "P30D", "role": "reader"}},
 * every field optional, reporting every problem at its JSON path. A tenant's token is a
 * {@code tenant} (the default) or a {@code reader}; an admin token is only ever {@code admin}.
 */
public final class TokenRequestReader {
    private static final List<String> FIELDS = List.of("name", "expiresIn", "role");

    private TokenRequestReader() {}

    /** @param forAdmin whether the token is an admin token (else a tenant's) */
    public static ReadResult<TokenRequest> read(JsonNode body, boolean forAdmin) {
        Violations violations = new Violations();
        TreeReader reader = new TreeReader(violations);
        Fields fields = JsonBodies.rootObject(reader, body);
        if (fields == null) {
            return new ReadResult.Invalid<>(violations.list());
        }
        fields.allowOnly(FIELDS);
        At nameAt = fields.optional("name");
        String name = reader.text(nameAt, TokenRequest.MAX_NAME);
        if (name != null && name.chars().anyMatch(Character::isISOControl)) {
            reader.report(nameAt.path(), "must be printable text (no control characters), like \"ci\"");
        }
        Duration expiresIn = Durations.read(reader, fields.optional("expiresIn"));
        TokenRole role = role(reader, fields.optional("role"), forAdmin);
        return violations.result(() -> new TokenRequest(name, expiresIn, role));
    }

    private static TokenRole role(TreeReader reader, At at, boolean forAdmin) {
        TokenRole fallback = forAdmin ? TokenRole.ADMIN : TokenRole.TENANT;
        String text = reader.text(at);
        if (text == null) {
            return fallback;
        }
        TokenRole role = TokenRole.of(text);
        if (forAdmin && role != TokenRole.ADMIN) {
            reader.report(at.path(), "an admin token's role is \"admin\"; leave it out, or issue a tenant's "
                    + "token at /api/v1/tenants/{tenant}/tokens");
            return null;
        }
        if (!forAdmin && role != TokenRole.TENANT && role != TokenRole.READER) {
            reader.report(at.path(), "must be \"tenant\" (all the tenant may do) or \"reader\" (read only), got "
                    + Quoting.quote(text));
            return null;
        }
        return role;
    }
}
