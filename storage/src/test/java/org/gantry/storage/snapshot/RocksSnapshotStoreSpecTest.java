package org.gantry.storage.snapshot;

import java.nio.file.Path;
import org.apache.pekko.persistence.CapabilityFlag;
import org.apache.pekko.persistence.japi.snapshot.JavaSnapshotStoreSpec;
import org.gantry.storage.testing.TestStores;
import org.junit.runner.RunWith;
import org.scalatestplus.junit.JUnitRunner;

/** Pekko's snapshot-store TCK against the RocksDB snapshot store, every capability on. */
@RunWith(JUnitRunner.class)
public class RocksSnapshotStoreSpecTest extends JavaSnapshotStoreSpec {

    private static final Path DIR = TestStores.tempDir("snapshot-tck");

    public RocksSnapshotStoreSpecTest() {
        super(TestStores.persistenceConfig(DIR, true));
    }

    @Override
    public CapabilityFlag supportsSerialization() {
        return CapabilityFlag.on();
    }

    @Override
    public CapabilityFlag supportsMetadata() {
        return CapabilityFlag.on();
    }

    @Override
    public void afterAll() {
        super.afterAll();
        TestStores.deleteRecursively(DIR);
    }
}
