package org.gantry.scheduler.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import org.gantry.api.protocol.objects.DownloadReply;
import org.gantry.api.protocol.objects.ObjectCommand;
import org.gantry.api.protocol.objects.ObjectName;
import org.gantry.api.protocol.objects.ObjectStoreKey;
import org.gantry.api.protocol.objects.UploadReply;

/** Uploads and downloads through a control plane's object store, as an agent does, for tests. */
final class StoreClient {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private StoreClient() {}

    static ActorRef<ObjectCommand> store(ActorSystem<?> system) {
        Receptionist.Listing listing = ControlPlaneHarness.await("the object store to register",
                () -> AskPattern.<Receptionist.Command, Receptionist.Listing>ask(system.receptionist(),
                        r -> Receptionist.find(ObjectStoreKey.STORE, r), WAIT, system.scheduler()),
                found -> !found.getServiceInstances(ObjectStoreKey.STORE).isEmpty(), WAIT);
        return listing.getServiceInstances(ObjectStoreKey.STORE).iterator().next();
    }

    /** Uploads {@code text} as {@code attempt}'s: how the upload ended. */
    static UploadReply upload(ActorSystem<?> system, ActorRef<ObjectCommand> store, ObjectName name, int attempt,
                              String text) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        var ready = (UploadReply.Ready) AskPattern.<ObjectCommand, UploadReply>ask(store,
                r -> new ObjectCommand.Upload(name, attempt, bytes.length, sha, r), WAIT, system.scheduler())
                .toCompletableFuture().join();
        Source.single(ByteString.fromArray(bytes)).runWith(ready.sink().getSink(), system);
        return AskPattern.<ObjectCommand, UploadReply>ask(store,
                r -> new ObjectCommand.Outcome(ready.uploadId(), r), WAIT, system.scheduler())
                .toCompletableFuture().join();
    }

    /** As {@link #upload}, which must have been stored. */
    static UploadReply.Stored stored(ActorSystem<?> system, ActorRef<ObjectCommand> store, ObjectName name,
                                     int attempt, String text) throws Exception {
        UploadReply outcome = upload(system, store, name, attempt, text);
        assertThat(outcome).isInstanceOf(UploadReply.Stored.class);
        return (UploadReply.Stored) outcome;
    }

    static String download(ActorSystem<?> system, ActorRef<ObjectCommand> store, ObjectName name) {
        DownloadReply reply = AskPattern.<ObjectCommand, DownloadReply>ask(store,
                r -> new ObjectCommand.Download(name, r), WAIT, system.scheduler()).toCompletableFuture().join();
        assertThat(reply).as(name.describe()).isInstanceOf(DownloadReply.Ready.class);
        ByteString all = ((DownloadReply.Ready) reply).source().getSource()
                .runWith(Sink.fold(ByteString.emptyByteString(), ByteString::concat), system)
                .toCompletableFuture().join();
        return all.utf8String();
    }
}
