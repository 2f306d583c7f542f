package org.gantry.scheduler.control.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.JobSpec;
import org.gantry.api.job.ProcessWorkload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretSealTest {
    private static final byte[] KEY = new byte[32];
    private final SecretSeal seal = new SecretSeal(KEY);

    @TempDir
    Path dir;

    @Test
    void aSealedValueOpensUnderItsOwnNameOnlyAndReadsDifferentlyEachTime() {
        String once = seal.seal("API_KEY", "hunter22");
        String twice = seal.seal("API_KEY", "hunter22");

        assertThat(once).startsWith(SecretSeal.PREFIX).doesNotContain("hunter22").isNotEqualTo(twice);
        assertThat(seal.open("API_KEY", once)).isEqualTo("hunter22");
        assertThat(seal.open("API_KEY", twice)).isEqualTo("hunter22");
        assertThat(seal.seal("API_KEY", once)).as("sealed once only").isEqualTo(once);
        // Moved to another variable, or opened with another key: refused, naming the variable, never the value.
        assertThatThrownBy(() -> seal.open("OTHER", once)).isInstanceOf(SecretUnreadableException.class)
                .hasMessageContaining("OTHER").hasMessageNotContaining("hunter22");
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        assertThatThrownBy(() -> new SecretSeal(otherKey).open("API_KEY", once))
                .isInstanceOf(SecretUnreadableException.class).hasMessageContaining(SecretKeys.ENV);
        assertThatThrownBy(() -> seal.open("API_KEY", SecretSeal.PREFIX + "!!"))
                .isInstanceOf(SecretUnreadableException.class);
    }

    @Test
    void specsAreSealedAndOpenedWholeAndPlainValuesOfOlderJournalsOpenAsTheyAre() {
        JobSpec plain = JobSpec.builder("job", GpuRequest.fixed(1), new ProcessWorkload(List.of("run"),
                Map.of("A", "1"), Map.of("TOKEN", "value-1", "PASSWORD", "value-2"), null)).build();

        JobSpec sealed = seal.seal(plain);

        assertThat(sealed.toString()).doesNotContain("value-1");
        assertThat(((ProcessWorkload) sealed.workload()).secretEnv().values()).allMatch(v -> v.startsWith(SecretSeal.PREFIX));
        assertThat(((ProcessWorkload) sealed.workload()).env()).isEqualTo(Map.of("A", "1"));
        assertThat(seal.open(sealed)).isEqualTo(plain);
        assertThat(seal.open(plain)).as("written plain by an older build").isEqualTo(plain);
        assertThat(seal.openValues(sealed)).containsExactlyInAnyOrder("value-1", "value-2");
        assertThat(seal.sameSecrets(sealed, seal.seal(plain))).isTrue();
        assertThat(seal.sameSecrets(sealed, plain)).isTrue();
    }

    @Test
    void keysComeFromTheEnvironmentAsBase64OrHexAndBadOnesAreRefusedWithHowToMakeOne() {
        byte[] key = new byte[32];
        key[5] = 42;
        String sealed = new SecretSeal(key).seal("K", "v-1234");

        assertThat(SecretKeys.resolve(Base64.getEncoder().encodeToString(key), dir).open("K", sealed)).isEqualTo("v-1234");
        assertThat(SecretKeys.resolve(HexFormat.of().formatHex(key), dir).open("K", sealed)).isEqualTo("v-1234");
        for (String bad : List.of("short", Base64.getEncoder().encodeToString(new byte[16]), "zz".repeat(32))) {
            assertThatThrownBy(() -> SecretKeys.resolve(bad, dir)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(SecretKeys.ENV).hasMessageContaining("openssl rand -base64 32")
                    .hasMessageNotContaining(bad);
        }
        assertThat(Files.exists(dir.resolve(SecretKeys.FILE))).as("no file when the environment names the key").isFalse();
    }

    @Test
    void withoutTheVariableAKeyFileIsMadeOwnerOnlyAtFirstStartAndKept() throws Exception {
        Path data = dir.resolve("data");
        String sealed = SecretKeys.resolve(null, data).seal("K", "v-5678");

        Path file = data.resolve(SecretKeys.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
        assertThat(SecretKeys.resolve(" ", data).open("K", sealed)).isEqualTo("v-5678");
        Files.writeString(file, "not a key\n");
        assertThatThrownBy(() -> SecretKeys.resolve(null, data)).hasMessageContaining(file.toString());
    }
}
