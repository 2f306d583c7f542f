package org.gantry.scheduler.control.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretMaskTest {

    @Test
    void aValueIsMaskedWhereverTheChunksSplitIt() {
        String output = "token=s3cr3t-value here\nagain s3cr3t-value\nshort ab stays\nlast s3cr3t-value";
        for (int split = 1; split < output.length(); split++) {
            SecretMask mask = new SecretMask(List.of("s3cr3t-value", "ab"));
            String masked = run(mask, output.substring(0, split), output.substring(split));
            assertThat(masked).as("split at " + split)
                    .isEqualTo("token=*** here\nagain ***\nshort ab stays\nlast ***");
        }
    }

    @Test
    void theLongerOfTwoOverlappingValuesIsMaskedWhole() {
        SecretMask mask = new SecretMask(List.of("pass", "password123"));
        assertThat(run(mask, "password123 and pass\n")).isEqualTo("*** and ***\n");
    }

    @Test
    void completeLinesAreReleasedAtOnceAndAVeryLongLineIsNotHeldForever() {
        SecretMask mask = new SecretMask(List.of("secret"));
        assertThat(new String(mask.feed("one\ntwo".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8))
                .isEqualTo("one\n");
        byte[] longLine = "x".repeat(SecretMask.MAX_HELD + 10).getBytes(StandardCharsets.UTF_8);
        assertThat(mask.feed(longLine).length).isGreaterThan(SecretMask.MAX_HELD);
        assertThat(new SecretMask(List.of()).masksNothing()).isTrue();
    }

    private static String run(SecretMask mask, String... chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String chunk : chunks) {
            out.writeBytes(mask.feed(chunk.getBytes(StandardCharsets.UTF_8)));
        }
        out.writeBytes(mask.finish());
        return out.toString(StandardCharsets.UTF_8);
    }
}
