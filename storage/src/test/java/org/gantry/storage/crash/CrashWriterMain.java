package org.gantry.storage.crash;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.gantry.storage.bench.EventWriter;
import org.gantry.storage.testing.TestStores;

/**
 * The child process of {@link CrashTest}: many persistent actors write events as fast as the
 * journal takes them, and every acknowledged write is printed as {@code ACK <id> <seq>} only
 * after the journal confirmed it. The parent kills this process at a random moment.
 */
public final class CrashWriterMain {

    /** Prints each acknowledgement; one actor, so lines never interleave. */
    private static final class Reporter extends AbstractActor {
        private final PrintStream out = new PrintStream(
                new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16), false, StandardCharsets.UTF_8);

        @Override
        public Receive createReceive() {
            return receiveBuilder()
                    .match(EventWriter.Written.class, w -> {
                        out.println("ACK " + w.persistenceId() + " " + w.sequenceNr());
                        out.flush();
                    })
                    .match(EventWriter.Recovered.class, r -> {
                        out.println("RECOVERED " + r.persistenceId() + " " + r.highestSequenceNr());
                        out.flush();
                    })
                    .build();
        }
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int writers = Integer.parseInt(args[1]);
        ActorSystem system = ActorSystem.create("crash-writer", TestStores.persistenceConfig(dir, true));
        ActorRef reporter = system.actorOf(Props.create(Reporter.class, Reporter::new), "reporter");
        for (int i = 0; i < writers; i++) {
            system.actorOf(EventWriter.props("writer-" + i, reporter, 64), "writer-" + i);
        }
    }
}
