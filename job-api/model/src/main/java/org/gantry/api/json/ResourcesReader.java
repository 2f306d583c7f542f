package org.gantry.api.json;

import java.util.List;
import org.gantry.api.job.JobResources;

/** Reads {@code resources}: the memory and CPU a job's cgroup allows it. */
final class ResourcesReader {
    private static final List<String> FIELDS = List.of("memory", "cpus");

    private ResourcesReader() {}

    static JobResources read(TreeReader reader, At at) {
        Fields fields = reader.object(at);
        if (fields == null) {
            return null;
        }
        int mark = reader.mark();
        fields.allowOnly(FIELDS);
        At memoryAt = fields.optional("memory");
        String memory = reader.text(memoryAt, 32);
        if (memory != null) {
            try {
                long bytes = JobResources.bytes(memory);
                if (bytes < JobResources.MIN_MEMORY_BYTES || bytes > JobResources.MAX_MEMORY_BYTES) {
                    reader.report(memoryAt.path(), "must be between 4Mi and 64Ti, got \"" + memory + "\"");
                }
            } catch (IllegalArgumentException e) {
                reader.report(memoryAt.path(), e.getMessage().replaceFirst("^memory is ", "must be "));
            }
        }
        At cpusAt = fields.optional("cpus");
        Double cpus = reader.decimal(cpusAt, 0, JobResources.MAX_CPUS);
        if (cpus != null && cpus < JobResources.MIN_CPUS) {
            reader.report(cpusAt.path(), "must be at least " + JobResources.MIN_CPUS + " (a hundredth of a CPU), got "
                    + cpus);
        }
        return reader.cleanSince(mark) ? new JobResources(memory, cpus == null ? 0 : cpus) : null;
    }
}
