package org.gantry.ops.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.gantry.agent.gpu.DeclaredGpus;
import org.gantry.agent.gpu.GpuInventory;
import org.gantry.agent.gpu.NvidiaSmiGpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentGpusTest {
    private static final Duration REFRESH = Duration.ofHours(1);

    @TempDir
    Path dir;

    private String pathWithSmi() throws IOException {
        Path smi = dir.resolve("bin/nvidia-smi");
        Files.createDirectories(smi.getParent());
        Files.writeString(smi, "#!/bin/sh\necho '0, GPU-1, NVIDIA L4, 23034, 0, 0, 30'\n");
        Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
        return smi.getParent() + ":/usr/bin:/bin";
    }

    @Test
    void withNvidiaSmiOnThePathDiscoveryIsTheDefault() throws IOException {
        GpuInventory inventory = AgentGpus.choose(null, "ignored", pathWithSmi(), REFRESH);
        try {
            assertThat(inventory).isInstanceOf(NvidiaSmiGpus.class);
            assertThat(inventory.devices()).singleElement().satisfies(gpu -> {
                assertThat(gpu.model()).isEqualTo("NVIDIA L4");
                assertThat(gpu.uuid()).isEqualTo("GPU-1");
            });
            assertThat(AgentGpus.describe(inventory)).isEqualTo("1 GPUs from nvidia-smi (1 healthy)");
        } finally {
            ((NvidiaSmiGpus) inventory).close();
        }
    }

    @Test
    void withoutItTheDefaultIsDeclaredAndAutoIsRefusedWithWhatToDo() {
        String path = dir.resolve("empty") + ":" + dir;

        assertThat(AgentGpus.choose(null, "Sim", path, REFRESH)).isEqualTo(new DeclaredGpus(8, "Sim", 81_920));
        assertThatThrownBy(() -> AgentGpus.choose("auto", "Sim", path, REFRESH))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nvidia-smi, which is not on this node's PATH")
                .hasMessageContaining("pass --gpus N");
    }

    @Test
    void aNumberDeclaresThatManyEvenWhereNvidiaSmiIs() throws IOException {
        assertThat(AgentGpus.choose("2", "Sim", pathWithSmi(), REFRESH)).isEqualTo(new DeclaredGpus(2, "Sim", 81_920));
        assertThatThrownBy(() -> AgentGpus.choose("two", "Sim", pathWithSmi(), REFRESH))
                .hasMessage("--gpus takes 'auto' or a number of GPUs to declare, got 'two'");
    }
}
