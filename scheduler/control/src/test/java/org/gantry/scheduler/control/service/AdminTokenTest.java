package org.gantry.scheduler.control.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bootstrap admin token: a weak one is refused at start, saying how to make a good one and never echoing it. */
class AdminTokenTest {
    @TempDir
    Path dataDir;

    @Test
    void aShortOrMonotonousTokenFromTheEnvironmentIsRefused() {
        for (String weak : new String[] {"e2e-admin-token", "a".repeat(64), "abababababababababababababababab12"}) {
            assertThatThrownBy(() -> AdminToken.resolve(weak, dataDir))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("openssl rand -hex 32")
                    .hasMessageNotContaining(weak);
        }
    }

    @Test
    void aRandomTokenIsTakenAndAGeneratedOneIsStrong() throws Exception {
        String good = "3f9a1c07d2e84b5a96c0f1e2d3b4a5968778695a4b3c2d1e0f";
        assertThat(AdminToken.resolve(good, dataDir)).isEqualTo(good);

        String generated = AdminToken.resolve(null, dataDir);
        assertThat(AdminToken.resolve(null, dataDir)).isEqualTo(generated);
        assertThat(AdminToken.strong(generated, "test")).isEqualTo(generated);
    }

    @Test
    void aWeakTokenFileIsRefusedToo() throws Exception {
        Files.writeString(AdminToken.file(dataDir), "admin\n");

        assertThatThrownBy(() -> AdminToken.resolve(null, dataDir)).hasMessageContaining("delete the file");
    }
}
