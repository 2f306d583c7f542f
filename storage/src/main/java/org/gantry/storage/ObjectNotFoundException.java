package org.gantry.storage;

/** No object is stored under the name asked for. */
public final class ObjectNotFoundException extends StorageException {

    public ObjectNotFoundException(String object) {
        super("no stored object " + object, null);
    }
}
