package org.gantry.agent.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.gantry.api.tenant.TenantId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobUsersTest {
    @TempDir
    Path dir;

    @Test
    void eachTenantGetsItsOwnUidAndKeepsItAcrossRestarts() throws IOException {
        Path file = dir.resolve("job-users.properties");
        JobUsers users = JobUsers.load(file, new UidRange(61000, 61009));
        JobUser vision = users.of(TenantId.of("vision"));
        JobUser nlp = users.of(TenantId.of("nlp"));

        assertThat(vision).isEqualTo(new JobUser(61000, 61000));
        assertThat(nlp.uid()).isEqualTo(61001);
        assertThat(users.of(TenantId.of("vision"))).isEqualTo(vision);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

        JobUsers restarted = JobUsers.load(file, new UidRange(61000, 61009));
        assertThat(restarted.of(TenantId.of("nlp"))).isEqualTo(nlp);
        assertThat(restarted.of(TenantId.of("audio")).uid()).isEqualTo(61002);
    }

    @Test
    void aFullRangeSaysHowToGetMore() throws IOException {
        JobUsers users = JobUsers.load(dir.resolve("users"), new UidRange(61000, 61000));
        users.of(TenantId.of("a"));

        assertThatThrownBy(() -> users.of(TenantId.of("b"))).hasMessageContaining("all 1 job uids of 61000-61000")
                .hasMessageContaining("--job-uids");
    }

    @Test
    void aRangeIsReadAndCheckedAsTheFlagTakesIt() {
        assertThat(UidRange.parse(" 62000-62999 ")).isEqualTo(new UidRange(62000, 62999));
        assertThatThrownBy(() -> UidRange.parse("62000")).hasMessageContaining("FIRST-LAST, e.g. 61000-61999");
        assertThatThrownBy(() -> UidRange.parse("0-10")).hasMessageContaining("uids below 1000 belong to the system");
        assertThatThrownBy(() -> UidRange.parse("5000-4000")).hasMessageContaining("FIRST <= LAST");
    }
}
