package org.gantry.storage.journal;

import java.nio.file.Path;
import org.apache.pekko.persistence.CapabilityFlag;
import org.apache.pekko.persistence.japi.journal.JavaJournalSpec;
import org.gantry.storage.testing.TestStores;
import org.junit.runner.RunWith;
import org.scalatestplus.junit.JUnitRunner;

/** Pekko's journal TCK against the RocksDB journal, with every optional capability on. */
@RunWith(JUnitRunner.class)
public class RocksJournalSpecTest extends JavaJournalSpec {

    private static final Path DIR = TestStores.tempDir("journal-tck");

    public RocksJournalSpecTest() {
        super(TestStores.persistenceConfig(DIR, true));
    }

    @Override
    public CapabilityFlag supportsRejectingNonSerializableObjects() {
        return CapabilityFlag.on();
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
