package org.gantry.api.json;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.gantry.api.job.DjlServeWorkload;
import org.gantry.api.job.DjlTrainWorkload;
import org.gantry.api.job.JobLimits;
import org.gantry.api.job.ProcessWorkload;
import org.gantry.api.job.SimulatedWorkload;
import org.gantry.api.job.Workload;

/** Reads {@code workload}, dispatching on its {@code kind}. */
final class WorkloadReader {
    private static final String KIND = "kind";
    private static final List<String> PROCESS_FIELDS = List.of(KIND, "command", "env", "secretEnv", "workingDir");
    private static final List<String> SIMULATED_FIELDS = List.of(KIND, "seconds");
    private static final List<String> DJL_TRAIN_FIELDS = List.of(KIND, "dataset", "datasetPath", "target", "model",
            "hiddenLayers", "learningRate", "epochs", "batchSize", "validationSplit", "seed");
    private static final List<String> DJL_SERVE_FIELDS = List.of(KIND, "model", "version", "replicas");
    /** A validation split that leaves no row to validate on, or none to train on, is a typo. */
    private static final double MAX_VALIDATION_SPLIT = 0.9;

    /** One entry per kind; the keys are what messages list as the known kinds. */
    private static final Map<String, BiFunction<TreeReader, Fields, Workload>> KINDS = Map.of(
            ProcessWorkload.KIND, WorkloadReader::process,
            SimulatedWorkload.KIND, WorkloadReader::simulated,
            DjlTrainWorkload.KIND, WorkloadReader::djlTrain,
            DjlServeWorkload.KIND, WorkloadReader::djlServe);
    private static final String KNOWN = String.join(", ", KINDS.keySet().stream().sorted().toList());

    private WorkloadReader() {}

    static Workload read(TreeReader reader, At at) {
        Fields fields = reader.object(at);
        if (fields == null) {
            return null;
        }
        At kindAt = fields.optional(KIND);
        if (!kindAt.present()) {
            reader.report(kindAt.path(), "is required; known kinds: " + KNOWN);
            return null;
        }
        String kind = reader.text(kindAt);
        if (kind == null) {
            return null;
        }
        BiFunction<TreeReader, Fields, Workload> kindReader = KINDS.get(kind);
        if (kindReader == null) {
            reader.report(kindAt.path(), "unknown workload kind " + Quoting.quote(kind) + "; known kinds: " + KNOWN);
            return null;
        }
        return kindReader.apply(reader, fields);
    }

    private static Workload process(TreeReader reader, Fields fields) {
        int mark = reader.mark();
        fields.allowOnly(PROCESS_FIELDS);
        List<String> command = command(reader, fields.required("command"));
        Map<String, String> env = StringMapRules.ENV.read(reader, fields.optional("env"));
        At secretAt = fields.optional("secretEnv");
        Map<String, String> secretEnv = StringMapRules.ENV.read(reader, secretAt);
        if (env != null && secretEnv != null) {
            for (String key : secretEnv.keySet()) {
                if (env.containsKey(key)) {
                    reader.report(JsonPaths.field(secretAt.path(), key), "is also set in env; set it in one place");
                }
            }
        }
        String workingDir = reader.text(fields.optional("workingDir"), JobLimits.MAX_WORKING_DIR_LENGTH);
        return reader.cleanSince(mark) ? new ProcessWorkload(command, env, secretEnv, workingDir) : null;
    }

    private static List<String> command(TreeReader reader, At at) {
        if (!at.present()) {
            return null;
        }
        if (!at.node().isArray()) {
            reader.report(at.path(), "must be an array of strings, got " + Quoting.kindOf(at.node()));
            return null;
        }
        int size = at.node().size();
        if (size == 0) {
            reader.report(at.path(), "must not be empty: name the program to run");
            return null;
        }
        if (size > JobLimits.MAX_COMMAND_ARGS) {
            reader.report(at.path(), "has " + size + " arguments; at most " + JobLimits.MAX_COMMAND_ARGS + " allowed");
            return null;
        }
        List<String> command = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            command.add(argument(reader, new At(JsonPaths.index(at.path(), i), at.node().get(i)), i == 0));
        }
        return command.contains(null) ? null : command;
    }

    private static String argument(TreeReader reader, At at, boolean program) {
        if (!at.present()) {
            reader.report(at.path(), "must be a string, got null");
            return null;
        }
        String text = reader.text(at);
        if (text == null) {
            return null;
        }
        if (text.length() > JobLimits.MAX_COMMAND_ARG_LENGTH) {
            reader.report(at.path(), TreeReader.tooLong(text, JobLimits.MAX_COMMAND_ARG_LENGTH));
            return null;
        }
        if (program && text.isBlank()) {
            reader.report(at.path(), "must name the program to run");
            return null;
        }
        return text;
    }

    private static Workload simulated(TreeReader reader, Fields fields) {
        fields.allowOnly(SIMULATED_FIELDS);
        Long seconds = reader.wholeNumber(fields.required("seconds"), 1, JobLimits.MAX_DURATION.toSeconds());
        return seconds == null ? null : new SimulatedWorkload(Duration.ofSeconds(seconds));
    }

    private static Workload djlTrain(TreeReader reader, Fields fields) {
        int mark = reader.mark();
        fields.allowOnly(DJL_TRAIN_FIELDS);
        At datasetAt = fields.optional("dataset");
        At pathAt = fields.optional("datasetPath");
        String dataset = reader.name(datasetAt, "dataset name");
        String datasetPath = reader.text(pathAt, JobLimits.MAX_WORKING_DIR_LENGTH);
        if (datasetAt.present() == pathAt.present()) {
            reader.report(fields.path(), datasetAt.present()
                    ? "names both dataset and datasetPath; keep one"
                    : "needs the training data: \"dataset\" (uploaded with PUT /api/v1/datasets/{name}) or "
                            + "\"datasetPath\" (a CSV file on the node)");
        } else if (datasetPath != null && !datasetPath.startsWith("/")) {
            reader.report(pathAt.path(), "must be an absolute path on the node, got " + Quoting.quote(datasetPath));
        }
        String target = reader.text(fields.required("target"), DjlTrainWorkload.MAX_COLUMN_NAME_LENGTH);
        String model = reader.name(fields.required("model"), "model name");
        List<Integer> hiddenLayers = hiddenLayers(reader, fields.optional("hiddenLayers"));
        Double learningRate = reader.decimal(fields.optional("learningRate"), 0, 1);
        Integer epochs = reader.integer(fields.optional("epochs"), 1, DjlTrainWorkload.MAX_EPOCHS);
        Integer batchSize = reader.integer(fields.optional("batchSize"), 1, DjlTrainWorkload.MAX_BATCH_SIZE);
        Double validationSplit = reader.decimal(fields.optional("validationSplit"), 0, MAX_VALIDATION_SPLIT);
        Long seed = reader.wholeNumber(fields.optional("seed"), Long.MIN_VALUE, Long.MAX_VALUE);
        if (!reader.cleanSince(mark)) {
            return null;
        }
        return new DjlTrainWorkload(dataset, datasetPath, target, model, hiddenLayers,
                learningRate == null ? DjlTrainWorkload.DEFAULT_LEARNING_RATE : learningRate,
                epochs == null ? DjlTrainWorkload.DEFAULT_EPOCHS : epochs,
                batchSize == null ? DjlTrainWorkload.DEFAULT_BATCH_SIZE : batchSize,
                validationSplit == null ? DjlTrainWorkload.DEFAULT_VALIDATION_SPLIT : validationSplit,
                seed == null ? DjlTrainWorkload.DEFAULT_SEED : seed);
    }

    private static Workload djlServe(TreeReader reader, Fields fields) {
        int mark = reader.mark();
        fields.allowOnly(DJL_SERVE_FIELDS);
        String model = reader.name(fields.required("model"), "model name");
        Integer version = reader.integer(fields.optional("version"), 1, Integer.MAX_VALUE);
        Integer replicas = reader.integer(fields.optional("replicas"), 1, DjlServeWorkload.MAX_REPLICAS);
        return reader.cleanSince(mark) ? new DjlServeWorkload(model, version, replicas == null ? 1 : replicas) : null;
    }

    private static List<Integer> hiddenLayers(TreeReader reader, At at) {
        if (!at.present()) {
            return null;
        }
        if (!at.node().isArray() || at.node().isEmpty()) {
            reader.report(at.path(), "must be a non-empty array of layer widths, e.g. [32, 16]");
            return null;
        }
        if (at.node().size() > DjlTrainWorkload.MAX_HIDDEN_LAYERS) {
            reader.report(at.path(), "has " + at.node().size() + " layers; at most "
                    + DjlTrainWorkload.MAX_HIDDEN_LAYERS + " allowed");
            return null;
        }
        List<Integer> widths = new ArrayList<>();
        for (int i = 0; i < at.node().size(); i++) {
            widths.add(reader.integer(new At(JsonPaths.index(at.path(), i), at.node().get(i)), 1,
                    DjlTrainWorkload.MAX_LAYER_WIDTH));
        }
        return widths.contains(null) ? null : widths;
    }
}
