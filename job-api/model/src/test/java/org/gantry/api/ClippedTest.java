package org.gantry.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClippedTest {

    @Test
    void longTextIsCutToTheLengthWithANoteAndClippingTwiceChangesNothing() {
        String text = "x".repeat(5000);

        String clipped = Clipped.text(text, 100);

        assertThat(clipped).hasSizeLessThanOrEqualTo(100).startsWith("xxx").endsWith("… (" + (5000 - 76)
                + " more characters)");
        assertThat(Clipped.text(clipped, 100)).isEqualTo(clipped);
        assertThat(Clipped.text("short", 100)).isEqualTo("short");
        assertThat(Clipped.text(null, 100)).isNull();
        assertThat(Clipped.text(text, 10)).hasSize(10).endsWith("…");
    }

    @Test
    void aCharacterOutsideTheBasicPlaneIsNeverSplit() {
        String clipped = Clipped.text("😀".repeat(100), 41);

        assertThat(clipped).hasSizeLessThanOrEqualTo(41);
        assertThat(clipped.codePoints().filter(c -> c >= 0xD800 && c <= 0xDFFF)).as("lone surrogates").isEmpty();
    }
}
