package org.gantry.api.protocol.models;

import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/** Where agents find the model registry: the receptionist lists it under this key. */
public final class ModelRegistryKey {
    public static final ServiceKey<ModelCommand> REGISTRY = ServiceKey.create(ModelCommand.class, "gantry-models");

    private ModelRegistryKey() {}
}
