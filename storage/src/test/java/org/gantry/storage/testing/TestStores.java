package org.gantry.storage.testing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Temporary data directories and the config that points the plugins at them. */
public final class TestStores {

    private TestStores() {}

    public static Path tempDir(String name) {
        try {
            return Files.createTempDirectory("gantry-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Journal and snapshot plugins on {@code dir}, resolved against reference.conf. */
    public static Config persistenceConfig(Path dir, boolean sync) {
        return ConfigFactory.load(ConfigFactory.parseString(String.join("\n",
                "pekko.persistence.journal.plugin = \"gantry.rocksdb.journal\"",
                "pekko.persistence.snapshot-store.plugin = \"gantry.rocksdb.snapshot\"",
                "pekko.loglevel = WARNING",
                "pekko.actor.serialization-bindings { \"org.gantry.storage.journal.CborEvent\" = jackson-cbor }",
                "gantry.storage.dir = \"" + dir.toString().replace("\\", "/") + "\"",
                "gantry.storage.sync = " + sync)));
    }

    public static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
