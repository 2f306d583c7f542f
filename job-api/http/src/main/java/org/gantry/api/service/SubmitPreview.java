package org.gantry.api.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.tenant.TenantId;

/**
 * What {@code POST /jobs?dryRun=true} answers for a valid job, nothing stored: where it would go
 * and when it would start if submitted now, as the scheduler's next pass would decide it.
 *
 * @param startsNow  the pass would place it at once (possibly after reclaiming borrowed GPUs)
 * @param allocation node → GPU indices it would get now; empty when it would wait
 * @param reason     why it would wait (a code, as {@code GET /jobs/{id}/explain} gives); null when it starts now
 * @param detail     the same in words, with the numbers behind it
 * @param estimatedStart when it would start, where the scheduler can tell; null otherwise
 */
public record SubmitPreview(TenantId tenant, PoolId pool, int gpus, boolean startsNow,
                            Map<NodeId, List<Integer>> allocation, String reason, String detail,
                            Instant estimatedStart) {
    public SubmitPreview {
        allocation = Map.copyOf(allocation);
    }
}
