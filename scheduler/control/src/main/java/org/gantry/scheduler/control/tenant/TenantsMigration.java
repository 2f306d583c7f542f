package org.gantry.scheduler.control.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import org.apache.pekko.serialization.jackson.JacksonMigration;

/**
 * Reads snapshots of {@link Tenants} as older builds wrote them. Version 1 kept one token per
 * tenant as {@code tenantByTokenHash} (hash to tenant name); version 2 keeps {@code tokens}
 * (hash to {@link TokenRecord}), each old one becoming the tenant's {@link TokenRecord#INITIAL}
 * token, exactly as replaying its {@code TenantCreated} makes it. Bound in {@code reference.conf}.
 */
public final class TenantsMigration extends JacksonMigration {

    @Override
    public int currentVersion() {
        return 2;
    }

    @Override
    public JsonNode transform(int fromVersion, JsonNode json) {
        if (fromVersion < 2 && json instanceof ObjectNode state) {
            JsonNode old = state.remove("tenantByTokenHash");
            ObjectNode tokens = JsonNodeFactory.instance.objectNode();
            if (old != null) {
                for (Iterator<Map.Entry<String, JsonNode>> it = old.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    TokenRecord initial = TokenRecord.initial(entry.getValue().asText(), entry.getKey());
                    ObjectNode token = tokens.putObject(entry.getKey());
                    token.put("id", initial.id());
                    token.put("hash", initial.hash());
                    token.put("tenant", initial.tenant());
                    token.put("name", initial.name());
                    token.put("role", initial.role());
                }
            }
            state.set("tokens", tokens);
        }
        return json;
    }
}
