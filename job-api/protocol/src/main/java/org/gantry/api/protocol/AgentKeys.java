package org.gantry.api.protocol;

import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/** Where the control plane finds agents: every agent registers itself under this key. */
public final class AgentKeys {
    public static final ServiceKey<AgentCommand> AGENTS = ServiceKey.create(AgentCommand.class, "gantry-agents");

    private AgentKeys() {}
}
