package org.gantry.storage.journal;

import org.apache.pekko.persistence.PersistentRepr;
import org.apache.pekko.persistence.journal.Tagged;
import org.apache.pekko.serialization.Serialization;

/**
 * Events as bytes through Pekko's serialization extension: the PersistentRepr envelope by
 * pekko-persistence's protobuf serializer, the event inside it by whatever the event's binding
 * says (Jackson CBOR for Gantry's records), so the journal never chooses a format itself.
 */
public final class EventCodec {

    private final Serialization serialization;

    public EventCodec(Serialization serialization) {
        this.serialization = serialization;
    }

    /** Throws when the event (or its metadata) has no serializer; the caller rejects the write. */
    public byte[] encode(PersistentRepr event) {
        return serialization.serialize(untagged(event)).get();
    }

    /** The event as stored: tags go to the tag index (see RocksJournal), not into the event. */
    public static PersistentRepr untagged(PersistentRepr event) {
        return event.payload() instanceof Tagged tagged ? event.withPayload(tagged.payload()) : event;
    }

    public PersistentRepr decode(byte[] bytes) {
        return serialization.deserialize(bytes, PersistentRepr.class).get();
    }
}
