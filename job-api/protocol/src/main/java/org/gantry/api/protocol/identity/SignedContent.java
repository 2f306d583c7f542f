package org.gantry.api.protocol.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gantry.api.json.GantryModule;
import org.gantry.api.protocol.AgentCommand;

/**
 * The bytes a command's signature covers: every field that drives what the agent does (for a
 * start: the job, attempt, whole spec, allocation and rendezvous), the node it is for and when it
 * was issued; not the reply-to actor. Signed are the commands that make an agent act:
 * {@code StartJob}, {@code StopJob}, {@code RenewLease} and {@code NameTaken}. Canonical JSON (keys sorted at every level), so that the
 * control plane and the agent, in different JVMs with different hash-map orders, compute the
 * same bytes from equal commands.
 */
final class SignedContent {
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .addModules(new Jdk8Module(), new JavaTimeModule(), new GantryModule())
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private SignedContent() {}

    static byte[] of(AgentCommand command, String node, Instant issuedAt) {
        Map<String, Object> content = new HashMap<>();
        content.put("format", "gantry-command/1");
        content.put("node", node);
        content.put("issuedAt", issuedAt.toEpochMilli());
        content.put("kind", command.getClass().getSimpleName());
        if (command instanceof AgentCommand.StartJob start) {
            content.put("job", start.job().value());
            content.put("attempt", start.attempt());
            content.put("spec", CANONICAL.convertValue(start.spec(), Object.class));
            Map<String, List<Integer>> allocation = new TreeMap<>();
            start.allocation().forEach((id, gpus) -> allocation.put(id.value(), gpus));
            content.put("allocation", allocation);
            content.put("rendezvous", start.rendezvous() == null ? null
                    : start.rendezvous().host() + ":" + start.rendezvous().port());
        } else if (command instanceof AgentCommand.StopJob stop) {
            content.put("job", stop.job().value());
            content.put("attempt", stop.attempt());
            content.put("reason", stop.reason());
            content.put("graceMillis", stop.grace() == null ? null : stop.grace().toMillis());
        } else if (command instanceof AgentCommand.RenewLease renewal) {
            content.put("reportedAt", renewal.reportedAt().toString());
            content.put("leaseMillis", renewal.lease().toMillis());
            content.put("graceMillis", renewal.grace().toMillis());
        } else if (command instanceof AgentCommand.NameTaken taken) {
            content.put("taken", taken.node().value());
            content.put("reason", taken.reason());
        } else {
            throw new IllegalArgumentException("not a signed command: " + command.getClass().getSimpleName());
        }
        try {
            return CANONICAL.writeValueAsBytes(content);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write a " + command.getClass().getSimpleName() + " to sign: "
                    + e.getOriginalMessage(), e);
        }
    }
}
