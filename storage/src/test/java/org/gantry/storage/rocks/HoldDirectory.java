package org.gantry.storage.rocks;

import java.nio.file.Path;

/** A second process for {@link DataDirectoryInUseTest}: opens a store and holds it until stdin closes. */
public final class HoldDirectory {

    @SuppressWarnings("try") // holding the store open is the point
    public static void main(String[] args) throws Exception {
        try (RocksStore store = RocksStore.open(StoreSettings.durable(Path.of(args[0])))) {
            System.out.println("OPEN " + ProcessHandle.current().pid());
            System.out.flush();
            while (System.in.read() != -1) {
                // hold the directory until the parent closes our stdin or kills us
            }
        }
    }
}
