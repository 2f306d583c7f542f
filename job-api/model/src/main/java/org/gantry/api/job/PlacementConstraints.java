package org.gantry.api.job;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * Where a job may run, beyond its pool: a GPU model ({@code null} for any), a least GPU memory
 * ({@code 0} for any), and node labels that must all match.
 */
public record PlacementConstraints(
        String gpuModel,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) long minGpuMemoryMiB,
        Map<String, String> nodeSelector) {

    public static final PlacementConstraints EMPTY = new PlacementConstraints(null, 0, Map.of());

    public PlacementConstraints {
        if (gpuModel != null && gpuModel.isBlank()) {
            throw new IllegalArgumentException("GPU model must not be blank; use null for any model");
        }
        if (minGpuMemoryMiB < 0) {
            throw new IllegalArgumentException("minimum GPU memory must be >= 0 MiB, got " + minGpuMemoryMiB);
        }
        nodeSelector = nodeSelector == null ? Map.of() : Map.copyOf(nodeSelector);
    }

    /** Whether these constraints leave every node of the pool eligible. */
    @JsonIgnore
    public boolean isEmpty() {
        return gpuModel == null && minGpuMemoryMiB == 0 && nodeSelector.isEmpty();
    }

    /**
     * Jackson's value filter for {@code @JsonInclude(CUSTOM)}: a property is left out of the
     * JSON when this "equals" its value, here when the constraints constrain nothing.
     */
    public static final class OmitWhenEmpty {
        @Override
        public boolean equals(Object value) {
            return value == null || (value instanceof PlacementConstraints c && c.isEmpty());
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }
}
