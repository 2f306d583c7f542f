package org.gantry.agent.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.gantry.api.job.DjlTrainWorkload;
import org.gantry.api.job.ProcessWorkload;
import org.gantry.api.json.GantryJson;

/**
 * Runs a {@code djl-train} workload as a child process of the gantry jar's trainer
 * ({@value #TRAINER}), through the process runner, so stop, grace, logs, the watchdog and
 * {@code CUDA_VISIBLE_DEVICES} work as for any process. It writes the trainer's config into the
 * attempt's run directory: the data (a file on the node, or the uploaded dataset the agent fetched
 * to {@link WorkDirs#dataset} before the launch), the job's checkpoint directory to resume from,
 * and {@link WorkDirs#model} for the finished model.
 */
public final class DjlTrainRunner implements WorkloadRunner<DjlTrainWorkload> {
    /** The trainer's entry point in the gantry jar (module node-agent/djl). */
    public static final String TRAINER = "org.gantry.djl.TrainMain";
    static final String CONFIG_FILE = "train.json";

    private final WorkloadRunner<ProcessWorkload> processes;
    private final JavaChild java;

    public DjlTrainRunner(WorkloadRunner<ProcessWorkload> processes, JavaChild java) {
        this.processes = processes;
        this.java = java;
    }

    @Override
    public Execution launch(Launch launch, DjlTrainWorkload workload) throws LaunchFailure {
        WorkDirs dirs = launch.dirs();
        Path dataset = workload.datasetPath() != null
                ? Path.of(workload.datasetPath())
                : dirs.dataset(launch.job(), launch.attempt());
        if (!Files.isRegularFile(dataset)) {
            throw new LaunchFailure(workload.datasetPath() != null
                    ? "no CSV file at datasetPath " + workload.datasetPath() + " on node " + launch.node()
                    : "dataset " + workload.dataset() + " was not fetched to the node");
        }
        Path config = dirs.run(launch.job(), launch.attempt()).resolve(CONFIG_FILE);
        try {
            Files.createDirectories(config.getParent());
            GantryJson.mapper().writeValue(config.toFile(), config(workload, dataset,
                    dirs.checkpoints(launch.job()), dirs.model(launch.job(), launch.attempt())));
        } catch (IOException e) {
            throw new LaunchFailure("cannot write the trainer's config " + config + ": " + e.getMessage(), e);
        }
        ProcessWorkload child = new ProcessWorkload(java.command(TRAINER, config.toString()), Map.of(), Map.of(), null);
        return processes.launch(launch, child);
    }

    /** The trainer's {@code TrainingConfig}, in the JSON its reader takes. */
    static ObjectNode config(DjlTrainWorkload workload, Path dataset, Path checkpointDir, Path modelDir) {
        ObjectNode config = GantryJson.mapper().createObjectNode();
        config.put("dataset", dataset.toString());
        config.put("target", workload.target());
        workload.hiddenLayers().forEach(config.putArray("hiddenLayers")::add);
        config.put("learningRate", workload.learningRate());
        config.put("epochs", workload.epochs());
        config.put("batchSize", workload.batchSize());
        config.put("validationSplit", workload.validationSplit());
        config.put("seed", workload.seed());
        config.put("checkpointDir", checkpointDir.toString());
        config.put("modelDir", modelDir.toString());
        return config;
    }
}
