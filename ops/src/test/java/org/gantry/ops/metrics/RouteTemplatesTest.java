package org.gantry.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteTemplatesTest {
    private final RouteTemplates templates = RouteTemplates.standard();

    @ParameterizedTest
    @CsvSource({
        "/api/v1/jobs, /api/v1/jobs",
        "/api/v1/jobs/j-2abc, /api/v1/jobs/{id}",
        "/api/v1/jobs/j-2abc/logs, /api/v1/jobs/{id}/logs",
        "/api/v1/nodes/gpu-1/drain, /api/v1/nodes/{node}/drain",
        "/api/v1/nodes/gpu-1/reboot, other",
        "/api/v1/openapi.yaml, /api/v1/openapi.yaml",
        "/api/v1/whoami, /api/v1/whoami",
        "/api/v1/tenants/vision/tokens/t-1, /api/v1/tenants/{tenant}/tokens/{id}",
        "/metrics, /metrics",
        "/, /",
        "/dashboard/app.js, /dashboard/{file}",
        "/dashboard/uplot/uPlot.esm.js, /dashboard/uplot/{file}",
        "/api/v1/jobs//logs, other",
        "/wp-admin/setup.php, other"
    })
    void namesEveryPathByItsTemplate(String path, String template) {
        assertThat(templates.of(path)).isEqualTo(template);
    }

    @ParameterizedTest
    @CsvSource({"GET, GET", "DELETE, DELETE", "BREW, OTHER"})
    void unknownMethodsAreOneLabelValue(String method, String label) {
        assertThat(HttpMetrics.method(method)).isEqualTo(label);
    }
}
