package org.gantry.api.protocol.objects;

import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/** Where agents find the control plane's object store: it registers itself under this key. */
public final class ObjectStoreKey {
    public static final ServiceKey<ObjectCommand> STORE = ServiceKey.create(ObjectCommand.class, "gantry-objects");

    private ObjectStoreKey() {}
}
