package org.gantry.ops.metrics;

import io.prometheus.client.Collector;
import io.prometheus.client.GaugeMetricFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gantry.agent.gpu.GpuInventory;
import org.gantry.api.cluster.GpuDevice;

/**
 * Per-GPU readings of the agents in this process, read at scrape time from each agent's
 * {@link GpuInventory} (its latest nvidia-smi reading; reading never blocks). Only what was
 * measured is exported: a declared (simulated) GPU has no readings and no series, so a fleet of
 * 1,000 simulated nodes in {@code gantry up} adds nothing here.
 */
final class AgentGpuCollector extends Collector {
    private static final double MIB = 1024.0 * 1024.0;

    private record Agent(String node, GpuInventory gpus) {}

    private final List<Agent> agents = new CopyOnWriteArrayList<>();

    void add(String node, GpuInventory gpus) {
        agents.add(new Agent(node, gpus));
    }

    @Override
    public List<MetricFamilySamples> collect() {
        List<String> labels = List.of("node", "gpu", "model");
        GaugeMetricFamily utilization = new GaugeMetricFamily("gantry_agent_gpu_utilization_ratio",
                "GPU utilization as nvidia-smi last read it, 0 to 1.", labels);
        GaugeMetricFamily memoryUsed = new GaugeMetricFamily("gantry_agent_gpu_memory_used_bytes",
                "GPU memory in use as nvidia-smi last read it.", labels);
        GaugeMetricFamily memoryTotal = new GaugeMetricFamily("gantry_agent_gpu_memory_total_bytes",
                "GPU memory as nvidia-smi reports it.", labels);
        GaugeMetricFamily temperature = new GaugeMetricFamily("gantry_agent_gpu_temperature_celsius",
                "GPU temperature as nvidia-smi last read it.", labels);
        GaugeMetricFamily healthy = new GaugeMetricFamily("gantry_agent_gpu_healthy",
                "1 when the agent offers the GPU, 0 when it withholds it as unhealthy.", labels);
        for (Agent agent : agents) {
            for (GpuDevice gpu : agent.gpus().devices()) {
                if (gpu.uuid() == null && gpu.utilizationPercent() == null && gpu.memoryUsedMiB() == null) {
                    continue; // declared, never measured
                }
                List<String> values = List.of(agent.node(), Integer.toString(gpu.index()), gpu.model());
                healthy.addMetric(values, gpu.healthy() ? 1 : 0);
                memoryTotal.addMetric(values, gpu.memoryMiB() * MIB);
                if (gpu.utilizationPercent() != null) {
                    utilization.addMetric(values, gpu.utilizationPercent() / 100.0);
                }
                if (gpu.memoryUsedMiB() != null) {
                    memoryUsed.addMetric(values, gpu.memoryUsedMiB() * MIB);
                }
                if (gpu.temperatureC() != null) {
                    temperature.addMetric(values, gpu.temperatureC());
                }
            }
        }
        List<MetricFamilySamples> families = new ArrayList<>();
        families.add(utilization);
        families.add(memoryUsed);
        families.add(memoryTotal);
        families.add(temperature);
        families.add(healthy);
        return families;
    }
}
