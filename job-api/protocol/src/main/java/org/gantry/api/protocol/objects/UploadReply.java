package org.gantry.api.protocol.objects;

import java.time.Instant;
import org.apache.pekko.stream.SinkRef;
import org.apache.pekko.util.ByteString;
import org.gantry.api.protocol.ClusterMessage;

/** The object store's answers about an upload. */
public sealed interface UploadReply extends ClusterMessage {

    /** Send the bytes into {@code sink}, then ask for the outcome of {@code uploadId}. */
    record Ready(long uploadId, SinkRef<ByteString> sink) implements UploadReply {}

    /** Stored and durable: {@code step} numbers a checkpoint among its job's (0 for other objects). */
    record Stored(ObjectName name, long step, long size, String sha256, Instant at) implements UploadReply {}

    /** Not stored; what the name held before is unchanged. */
    record Failed(String reason) implements UploadReply {}
}
