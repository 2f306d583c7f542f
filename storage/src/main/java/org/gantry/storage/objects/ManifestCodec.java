package org.gantry.storage.objects;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/** Manifests as bytes: a version, then the fields of {@link ObjectInfo} but the key. */
final class ManifestCodec {

    private static final byte VERSION = 1;

    private ManifestCodec() {}

    static byte[] encode(ObjectInfo info) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeLong(info.size());
            out.writeInt(info.chunkSize());
            out.writeLong(info.chunkCount());
            out.writeUTF(info.sha256());
            out.writeLong(info.createdAt().toEpochMilli());
            out.writeLong(info.uploadId());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static ObjectInfo decode(byte[] key, byte[] value) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IOException("unknown manifest format version " + version);
            }
            return new ObjectInfo(ObjectKey.decode(key), in.readLong(), in.readInt(), in.readLong(), in.readUTF(),
                    Instant.ofEpochMilli(in.readLong()), in.readLong());
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable manifest of " + ObjectKey.decode(key).describe(), e);
        }
    }
}
