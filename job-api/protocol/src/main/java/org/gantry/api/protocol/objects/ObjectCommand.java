package org.gantry.api.protocol.objects;

import org.apache.pekko.actor.typed.ActorRef;
import org.gantry.api.protocol.ClusterMessage;

/** What an agent asks of the control plane's object store. */
public sealed interface ObjectCommand extends ClusterMessage {
    /** Who asked: the store answers only agents on GPU-node members (and this JVM's own). */
    ActorRef<?> replyTo();

    /**
     * Store {@code size} bytes whose SHA-256 is {@code sha256} (hex) under {@code name}, for
     * attempt {@code attempt} of its job. Answered with {@link UploadReply.Ready}, whose sink
     * takes the bytes; the object is stored only when what arrived is exactly that size and
     * digest, else the name keeps what it held. Ask {@link Outcome} for how it ended.
     */
    record Upload(ObjectName name, int attempt, long size, String sha256, ActorRef<UploadReply> replyTo)
            implements ObjectCommand {}

    /** How upload {@code uploadId} ended: answered once it has, with Stored or Failed. */
    record Outcome(long uploadId, ActorRef<UploadReply> replyTo) implements ObjectCommand {}

    /**
     * Send the object: answered with {@link DownloadReply.Ready} (a source of its bytes, with its
     * size and digest to check them against) or {@link DownloadReply.NotFound}.
     */
    record Download(ObjectName name, ActorRef<DownloadReply> replyTo) implements ObjectCommand {}
}
