package org.gantry.api.protocol.objects;

import java.time.Instant;
import org.apache.pekko.stream.SourceRef;
import org.apache.pekko.util.ByteString;
import org.gantry.api.protocol.ClusterMessage;

/** The object store's answers to a download. */
public sealed interface DownloadReply extends ClusterMessage {

    /** The object's bytes: the receiver checks them against {@code size} and {@code sha256} (hex). */
    record Ready(ObjectName name, long step, long size, String sha256, Instant storedAt, SourceRef<ByteString> source)
            implements DownloadReply {}

    /** Nothing is stored under that name. */
    record NotFound(ObjectName name) implements DownloadReply {}

    /** The store could not serve it (it failed to read it, say). */
    record Failed(String reason) implements DownloadReply {}
}
