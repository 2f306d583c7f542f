package org.gantry.agent.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.job.DjlServeWorkload;
import org.gantry.api.job.ProcessWorkload;
import org.gantry.api.json.GantryJson;

/**
 * Runs the {@code djl-serve} replicas a node holds (one per GPU of its share) as one child process
 * of the gantry jar's server ({@value #SERVER}), through the process runner, so stop, grace, logs
 * and {@code CUDA_VISIBLE_DEVICES} work as for any process. The agent fetched the model version to
 * {@link WorkDirs#servedModel} before the launch; the replicas listen on {@code host} and demand
 * the token the agent generated for this attempt, which reaches them through the environment.
 * Launching again for the same attempt (the agent restarting a replica process that died) writes
 * the same config and reuses the token; the replicas get new ports and announce them again.
 */
public final class DjlServeRunner implements WorkloadRunner<DjlServeWorkload> {
    /** The serving entry point in the gantry jar (module node-agent/djl). */
    public static final String SERVER = "org.gantry.djl.serve.ServeMain";
    /** The variable the server reads its token from (ServingConfig.TOKEN_ENV). */
    public static final String TOKEN_ENV = "GANTRY_SERVE_TOKEN";
    static final String CONFIG_FILE = "serve.json";
    /** The server's exit code when its config, model or token is unusable (ServeMain.EXIT_INVALID): it would refuse again. */
    public static final int SERVER_REFUSED = 2;

    private final WorkloadRunner<ProcessWorkload> processes;
    private final JavaChild java;
    private final String host;
    private final String server;
    private final ReplicaRestarts restarts;

    public DjlServeRunner(WorkloadRunner<ProcessWorkload> processes, JavaChild java, String host) {
        this(processes, java, host, SERVER, ReplicaRestarts.DEFAULT);
    }

    /** With another entry point than {@value #SERVER} (a test's stand-in) and restart policy. */
    public DjlServeRunner(WorkloadRunner<ProcessWorkload> processes, JavaChild java, String host, String server,
                          ReplicaRestarts restarts) {
        this.processes = processes;
        this.java = java;
        this.host = host;
        this.server = server;
        this.restarts = restarts;
    }

    /** Where replicas listen, and where the control plane reaches them. */
    public String host() {
        return host;
    }

    /** How the agent restarts a replica process that died while nobody stopped it. */
    public ReplicaRestarts restarts() {
        return restarts;
    }

    @Override
    public Execution launch(Launch launch, DjlServeWorkload workload) throws LaunchFailure {
        WorkDirs dirs = launch.dirs();
        Path model = dirs.servedModel(launch.job(), launch.attempt());
        Integer version = servedVersion(dirs, launch);
        if (version == null || !Files.isDirectory(model)) {
            throw new LaunchFailure("model " + workload.model() + " was not fetched to node " + launch.node());
        }
        Path config = dirs.run(launch.job(), launch.attempt()).resolve(CONFIG_FILE);
        try {
            ObjectNode json = GantryJson.mapper().createObjectNode();
            json.put("modelDir", model.toString());
            json.put("model", workload.model());
            json.put("version", version);
            replicaIndices(launch).forEach(json.putArray("replicas")::add);
            json.put("host", host);
            Files.createDirectories(config.getParent());
            GantryJson.mapper().writeValue(config.toFile(), json);
        } catch (IOException e) {
            throw new LaunchFailure("cannot write the server's config " + config + ": " + e.getMessage(), e);
        }
        String token;
        try {
            token = Files.readString(dirs.servingToken(launch.job(), launch.attempt())).strip();
        } catch (IOException e) {
            throw new LaunchFailure("no serving token for the replicas: " + e.getMessage(), e);
        }
        ProcessWorkload child = new ProcessWorkload(java.command(server, config.toString()), Map.of(),
                Map.of(TOKEN_ENV, token), null);
        return processes.launch(launch, child);
    }

    /**
     * The job's replicas this node runs: one per GPU, numbered across the job's nodes in name
     * order, so every replica of the job has its own index.
     */
    static List<Integer> replicaIndices(Launch launch) {
        int first = 0;
        for (NodeId node : launch.allocation().keySet().stream().sorted().toList()) {
            if (node.equals(launch.node())) {
                break;
            }
            first += launch.allocation().get(node).size();
        }
        int start = first;
        return IntStream.range(0, launch.gpus().size()).mapToObj(i -> start + i).toList();
    }

    private static Integer servedVersion(WorkDirs dirs, Launch launch) {
        try {
            return Integer.valueOf(Files.readString(dirs.servedModelVersion(launch.job(), launch.attempt())).strip());
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }
}
