package org.gantry.tests.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gantry.agent.objects.Pack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger's checkpointing workload, run by a real shell: where it resumes, and what its packed checkpoint says. */
class LedgerTest {
    @TempDir
    Path dir;

    @Test
    void aCheckpointsPackedSizeSaysTheCountItHoldsAndTheWorkloadResumesFromIt() throws Exception {
        Ledger ledger = new Ledger(dir.resolve("ledger.txt"));
        Path checkpoint = Files.createDirectories(dir.resolve("checkpoint"));
        String script = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(ledger.checkpointingWorkload(2)).get("command").get(2).asText();

        run(script, checkpoint, 1);
        assertThat(Files.size(checkpoint.resolve(Ledger.COUNT_FILE))).isEqualTo(2);
        assertThat(Ledger.countIn(Pack.pack(checkpoint, dir.resolve("a.pack")).bytes())).isEqualTo(2);

        Files.write(checkpoint.resolve(Ledger.COUNT_FILE), new byte[1]); // an older checkpoint, put back
        run(script, checkpoint, 2);
        List<Ledger.Entry> starts = ledger.of("job-1", "start");
        assertThat(starts).extracting(Ledger.Entry::count).containsExactly(0, 1);
        assertThat(Ledger.countIn(Pack.pack(checkpoint, dir.resolve("b.pack")).bytes())).isEqualTo(2);
    }

    private static void run(String script, Path checkpoint, int attempt) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", script).inheritIO();
        builder.environment().put("GANTRY_CHECKPOINT_DIR", checkpoint.toString());
        builder.environment().put("GANTRY_JOB_ID", "job-1");
        builder.environment().put("GANTRY_ATTEMPT", String.valueOf(attempt));
        builder.environment().put("GANTRY_NODE", "node-1");
        builder.environment().put("CUDA_VISIBLE_DEVICES", "0");
        assertThat(builder.start().waitFor()).isZero();
    }
}
