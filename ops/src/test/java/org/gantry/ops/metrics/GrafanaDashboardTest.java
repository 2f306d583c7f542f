package org.gantry.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.gantry.agent.gpu.GpuInventory;
import org.gantry.api.cluster.GpuDevice;
import org.junit.jupiter.api.Test;

/**
 * Every query in {@code ops/grafana/gantry.json} names only metrics Gantry exports: the names a
 * real control plane's {@code /metrics} carries (with jobs and nodes, from
 * {@link MetricsEndpointTest}'s cluster) and those of an agent with measured GPUs.
 */
class GrafanaDashboardTest {
    private static final Path DASHBOARD = Path.of("grafana", "gantry.json");

    @Test
    void everyQueryNamesOnlyExportedMetrics() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        List<String> queries = queries(dashboard);
        assertThat(queries).hasSizeGreaterThan(10);

        MetricsEndpointTest.startControlPlane();
        Set<String> exported = new TreeSet<>();
        try {
            exported.addAll(Exposition.parse(MetricsEndpointTest.scrape()).names());
        } finally {
            MetricsEndpointTest.stopControlPlane();
        }
        GantryMetrics agent = new GantryMetrics();
        GpuInventory measured = () -> new GpuInventory.Reading(List.of(
                new GpuDevice(0, "NVIDIA L4", 23034, true, "GPU-1", 1024L, 37, 41, null)), null);
        agent.agent("gpu-1", measured);
        exported.addAll(Exposition.parse(agent.scrape()).names());

        Set<String> used = new TreeSet<>();
        for (String query : queries) {
            Set<String> names = PromQlNames.of(query);
            assertThat(names).as("metrics in %s", query).isNotEmpty();
            assertThat(exported).as("exported metrics, for %s", query).containsAll(names);
            used.addAll(names);
        }
        assertThat(used).as("the dashboard shows DESIGN's metrics").contains("gantry_gpus", "gantry_queue_jobs",
                "gantry_queue_oldest_wait_seconds", "gantry_scheduling_pass_seconds_bucket",
                "gantry_job_wait_seconds_bucket", "gantry_preemptions_total", "gantry_http_requests_total");
    }

    @Test
    void theNameReaderFindsMetricsNotFunctionsLabelsOrRanges() {
        assertThat(PromQlNames.of("histogram_quantile(0.99, sum by (le, pool) "
                + "(rate(gantry_job_wait_seconds_bucket{pool=~\"$pool\"}[$__rate_interval])))"))
                .containsExactly("gantry_job_wait_seconds_bucket");
        assertThat(PromQlNames.of("sum(gantry_gpus{state=\"allocated\"}) / clamp_min(sum(gantry_gpus), 1)"))
                .containsExactly("gantry_gpus");
        assertThat(PromQlNames.of("label_values(gantry_gpus, pool)")).containsExactly("gantry_gpus", "pool");
    }

    /** Panel targets' expressions and the query variables' queries ({@code label_values(m, label)} less its label). */
    private static List<String> queries(JsonNode dashboard) {
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(target.path("expr").asText());
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            String query = variable.path("query").path("query").asText("");
            if (query.startsWith("label_values(")) {
                queries.add(query.substring("label_values(".length(), query.lastIndexOf(',')));
            }
        }
        return queries;
    }
}
