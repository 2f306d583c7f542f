package org.gantry.scheduler.control.job;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.gantry.api.job.DjlServeWorkload;
import org.gantry.api.job.DjlTrainWorkload;
import org.gantry.api.job.ProcessWorkload;
import org.gantry.api.job.SimulatedWorkload;
import org.gantry.api.job.Workload;

/**
 * A workload as the journal keeps it (inside {@link StoredSpec}). The kind names are the
 * journal's own, written out here rather than borrowed from the API's constants.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = StoredWorkload.Process.class, name = "process"),
    @JsonSubTypes.Type(value = StoredWorkload.Simulated.class, name = "simulated"),
    @JsonSubTypes.Type(value = StoredWorkload.DjlTrain.class, name = "djl-train"),
    @JsonSubTypes.Type(value = StoredWorkload.DjlServe.class, name = "djl-serve")
})
public sealed interface StoredWorkload {

    /** The API's workload. */
    Workload toApi();

    static StoredWorkload of(Workload workload) {
        if (workload instanceof ProcessWorkload process) {
            return new Process(process.command(), process.env(), process.secretEnv(), process.workingDir());
        }
        if (workload instanceof DjlTrainWorkload train) {
            return new DjlTrain(train.dataset(), train.datasetPath(), train.target(), train.model(), train.hiddenLayers(),
                    train.learningRate(), train.epochs(), train.batchSize(), train.validationSplit(), train.seed());
        }
        if (workload instanceof DjlServeWorkload serve) {
            return new DjlServe(serve.model(), serve.version(), serve.replicas());
        }
        return new Simulated(((SimulatedWorkload) workload).seconds());
    }

    record Process(List<String> command, Map<String, String> env, Map<String, String> secretEnv, String workingDir)
            implements StoredWorkload {
        @Override
        public Workload toApi() {
            return new ProcessWorkload(command, env, secretEnv, workingDir);
        }
    }

    record Simulated(long seconds) implements StoredWorkload {
        @Override
        public Workload toApi() {
            return new SimulatedWorkload(Duration.ofSeconds(seconds));
        }
    }

    record DjlTrain(String dataset, String datasetPath, String target, String model, List<Integer> hiddenLayers,
                    double learningRate, int epochs, int batchSize, double validationSplit, long seed)
            implements StoredWorkload {
        @Override
        public Workload toApi() {
            return new DjlTrainWorkload(dataset, datasetPath, target, model, hiddenLayers, learningRate, epochs, batchSize,
                    validationSplit, seed);
        }
    }

    record DjlServe(String model, Integer version, int replicas) implements StoredWorkload {
        @Override
        public Workload toApi() {
            return new DjlServeWorkload(model, version, replicas);
        }
    }
}
