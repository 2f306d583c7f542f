package org.gantry.api.job;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a job may use of its node besides GPUs, enforced by the node's cgroup where the agent
 * isolates jobs: {@code memory} as Kubernetes writes quantities ("512Mi", "8Gi", "2G", or bytes),
 * null for no limit of its own; {@code cpus} CPU time as a number of CPUs (0.5, 4), 0 for none.
 * A job over its memory is killed by the kernel, and its reason says so.
 */
public record JobResources(
        @JsonInclude(JsonInclude.Include.NON_NULL) String memory,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) double cpus) {

    public static final JobResources NONE = new JobResources(null, 0);
    /** Less than this and not even a shell starts. */
    public static final long MIN_MEMORY_BYTES = 4L << 20;
    public static final long MAX_MEMORY_BYTES = 64L << 40;
    public static final double MIN_CPUS = 0.01;
    public static final double MAX_CPUS = 4096;
    private static final Pattern QUANTITY = Pattern.compile("(\\d{1,15}(?:\\.\\d{1,6})?)(Ki|Mi|Gi|Ti|K|M|G|T)?");
    private static final Map<String, Long> UNITS = Map.of("", 1L, "K", 1000L, "M", 1000_000L, "G", 1000_000_000L,
            "T", 1000_000_000_000L, "Ki", 1L << 10, "Mi", 1L << 20, "Gi", 1L << 30, "Ti", 1L << 40);

    public JobResources {
        if (memory != null) {
            memory = memory.strip();
            long bytes = bytes(memory);
            if (bytes < MIN_MEMORY_BYTES || bytes > MAX_MEMORY_BYTES) {
                throw new IllegalArgumentException("memory must be between 4Mi and 64Ti, got " + memory);
            }
        }
        if (cpus != 0 && !(cpus >= MIN_CPUS && cpus <= MAX_CPUS)) {
            throw new IllegalArgumentException("cpus must be between " + MIN_CPUS + " and " + (int) MAX_CPUS
                    + ", got " + cpus);
        }
    }

    /** The memory limit in bytes; 0 when there is none. */
    @JsonIgnore
    public long memoryBytes() {
        return memory == null ? 0 : bytes(memory);
    }

    @JsonIgnore
    public boolean isEmpty() {
        return memory == null && cpus == 0;
    }

    /**
     * "8Gi" → 8 × 2^30; "2G" → 2 × 10^9; "1048576" → bytes.
     *
     * @throws IllegalArgumentException with how to write one, when {@code quantity} is not one
     */
    public static long bytes(String quantity) {
        Matcher m = QUANTITY.matcher(quantity.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("memory is a quantity such as \"512Mi\", \"8Gi\" or \"2G\" (Ki, Mi, "
                    + "Gi, Ti: powers of 1024; K, M, G, T: of 1000; none: bytes), got \"" + quantity + "\"");
        }
        String unit = m.group(2) == null ? "" : m.group(2);
        return new java.math.BigDecimal(m.group(1)).multiply(java.math.BigDecimal.valueOf(UNITS.get(unit)))
                .min(java.math.BigDecimal.valueOf(Long.MAX_VALUE)).longValue();
    }

    @Override
    public String toString() {
        return "memory " + (memory == null ? "unlimited" : memory) + ", cpus "
                + (cpus == 0 ? "unlimited" : String.format(Locale.ROOT, "%s", cpus));
    }

    /** Jackson's value filter: {@code resources} is left out of a spec's JSON when it limits nothing. */
    public static final class OmitWhenEmpty {
        @Override
        public boolean equals(Object value) {
            return value == null || (value instanceof JobResources r && r.isEmpty());
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }
}
