package org.gantry.storage.snapshot;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.Serialization$;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;

/**
 * A stored snapshot: format version, save time, the snapshot and, when present, its metadata,
 * each as (serializer id, manifest, bytes) from Pekko's serialization extension. The timestamp
 * comes first so selection by time reads 9 bytes, not the snapshot.
 */
final class SnapshotCodec {

    private static final byte VERSION = 1;

    /** A decoded value: timestamp, snapshot, optional metadata. */
    record Stored(long timestamp, Object snapshot, Optional<Object> metadata) {}

    private final ExtendedActorSystem system;
    private final Serialization serialization;

    SnapshotCodec(ExtendedActorSystem system) {
        this.system = system;
        this.serialization = SerializationExtension.get(system);
    }

    byte[] encode(long timestamp, Object snapshot, Optional<Object> metadata) {
        // Transport information lets ActorRefs inside snapshots serialise to full paths.
        return Serialization$.MODULE$.withTransportInformation(system, () -> {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeByte(VERSION);
                out.writeLong(timestamp);
                writePayload(out, snapshot);
                out.writeBoolean(metadata.isPresent());
                if (metadata.isPresent()) {
                    writePayload(out, metadata.get());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        });
    }

    static long timestamp(byte[] value) {
        return ByteBuffer.wrap(value, 1, Long.BYTES).getLong();
    }

    Stored decode(byte[] value) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(value));
        byte version = in.readByte();
        if (version != VERSION) {
            throw new IOException("unknown snapshot format version " + version);
        }
        long timestamp = in.readLong();
        Object snapshot = readPayload(in);
        Optional<Object> metadata = in.readBoolean() ? Optional.of(readPayload(in)) : Optional.empty();
        return new Stored(timestamp, snapshot, metadata);
    }

    private void writePayload(DataOutputStream out, Object payload) throws IOException {
        Serializer serializer = serialization.findSerializerFor(payload);
        byte[] bytes = serializer.toBinary(payload);
        out.writeInt(serializer.identifier());
        out.writeUTF(Serializers.manifestFor(serializer, payload));
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private Object readPayload(DataInputStream in) throws IOException {
        int serializerId = in.readInt();
        String manifest = in.readUTF();
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return serialization.deserialize(bytes, serializerId, manifest).get();
    }
}
