package org.gantry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.regex.Pattern;
import org.gantry.api.job.JobId;
import org.junit.jupiter.api.Test;

/**
 * Names and job ids are checked by hand rather than by regular expression (they are checked
 * several times per request); each check must accept exactly what its documented pattern does.
 */
class HandCheckedPatternsTest {

    private static final List<String> SAMPLES = List.of("", "a", "A", "0", "-", "_", ".", "a-", "-a", "a-b", "a--b",
            "ab9", "9ab", "Ab", "a_b", "a.b", ".a", "_a", "a.", "j-1f2e", "é", "aé", "a b", "a/b", "x".repeat(63),
            "x".repeat(64), "y".repeat(128), "y".repeat(129), "ǅ", "٣", "a\n");

    @Test
    void aNameIsADnsLabel() {
        Pattern label = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
        for (String sample : SAMPLES) {
            assertThat(Names.isValid(sample)).as("'%s'", sample)
                    .isEqualTo(sample.length() <= Names.MAX_LENGTH && label.matcher(sample).matches());
        }
        assertThat(Names.isValid(null)).isFalse();
    }

    @Test
    void aJobIdIsLettersDigitsAndDashUnderscoreDotNotFirst() {
        Pattern safe = Pattern.compile("[A-Za-z0-9][-_.A-Za-z0-9]*");
        for (String sample : SAMPLES) {
            boolean expected = sample.length() <= JobId.MAX_LENGTH && safe.matcher(sample).matches();
            if (expected) {
                assertThat(JobId.of(sample).value()).isEqualTo(sample);
            } else {
                assertThatThrownBy(() -> JobId.of(sample)).as("'%s'", sample)
                        .isInstanceOf(IllegalArgumentException.class);
            }
        }
    }
}
