package org.gantry.djl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.gantry.api.json.GantryJson;
import org.gantry.api.validation.ReadResult;
import org.gantry.api.validation.Violations;

/**
 * Reads a {@link TrainingConfig} from the JSON file the agent writes, e.g.
 * {@code {"dataset": "/data/houses.csv", "target": "price", "checkpointDir": "...", "modelDir": "...",
 * "epochs": 50}}. Absent optional fields take the workload's defaults; every problem is reported at
 * its JSON path, all at once, and unknown fields are refused (a misspelt {@code "learningrate"}
 * must not train silently with the default).
 */
public final class TrainingConfigReader {
    private static final Set<String> FIELDS = Set.of("dataset", "target", "hiddenLayers", "learningRate", "epochs",
            "batchSize", "validationSplit", "seed", "checkpointDir", "modelDir");

    private TrainingConfigReader() {}

    public static ReadResult<TrainingConfig> read(Path file) throws IOException {
        String json;
        try {
            json = Files.readString(file);
        } catch (NoSuchFileException e) {
            return ReadResult.Invalid.of("$", "no config file at " + file);
        }
        return read(json);
    }

    public static ReadResult<TrainingConfig> read(String json) {
        JsonNode root;
        try {
            root = GantryJson.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            return ReadResult.Invalid.of("$", "not valid JSON: " + e.getOriginalMessage());
        }
        if (!(root instanceof ObjectNode object)) {
            return ReadResult.Invalid.of("$", "must be a JSON object");
        }
        Violations violations = new Violations();
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                violations.add("$." + name, "unknown field (known: " + String.join(", ", FIELDS.stream().sorted().toList()) + ")");
            }
        }
        Path dataset = path(object, "dataset", violations);
        String target = text(object, "target", violations);
        Path checkpointDir = path(object, "checkpointDir", violations);
        Path modelDir = path(object, "modelDir", violations);
        List<Integer> hidden = hiddenLayers(object, violations);
        double learningRate = number(object, "learningRate", TrainingConfig.DEFAULT_LEARNING_RATE, violations);
        if (!(learningRate > 0 && learningRate <= 10)) {
            violations.add("$.learningRate", "must be in (0, 10], got " + learningRate);
        }
        int epochs = integer(object, "epochs", TrainingConfig.DEFAULT_EPOCHS, 1, TrainingConfig.MAX_EPOCHS, violations);
        int batchSize = integer(object, "batchSize", TrainingConfig.DEFAULT_BATCH_SIZE, 1, TrainingConfig.MAX_BATCH_SIZE,
                violations);
        double split = number(object, "validationSplit", TrainingConfig.DEFAULT_VALIDATION_SPLIT, violations);
        if (!(split > 0 && split < 1)) {
            violations.add("$.validationSplit", "must be between 0 and 1 (exclusive), got " + split);
        }
        long seed = TrainingConfig.DEFAULT_SEED;
        JsonNode seedNode = object.get("seed");
        if (seedNode != null) {
            if (seedNode.isIntegralNumber() && seedNode.canConvertToLong()) {
                seed = seedNode.longValue();
            } else {
                violations.add("$.seed", "must be an integer, got " + seedNode);
            }
        }
        long chosenSeed = seed;
        return violations.result(() -> new TrainingConfig(dataset, target, hidden, learningRate, epochs, batchSize,
                split, chosenSeed, checkpointDir, modelDir));
    }

    private static String text(ObjectNode object, String field, Violations violations) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            violations.add("$." + field, "is required");
            return null;
        }
        if (!node.isTextual() || node.textValue().isBlank()) {
            violations.add("$." + field, "must be a non-blank string, got " + node);
            return null;
        }
        return node.textValue();
    }

    private static Path path(ObjectNode object, String field, Violations violations) {
        String text = text(object, field, violations);
        if (text == null) {
            return null;
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            violations.add("$." + field, "is not a valid path: " + e.getReason());
            return null;
        }
    }

    private static List<Integer> hiddenLayers(ObjectNode object, Violations violations) {
        JsonNode node = object.get("hiddenLayers");
        if (node == null) {
            return TrainingConfig.DEFAULT_HIDDEN_LAYERS;
        }
        if (!node.isArray() || node.size() > TrainingConfig.MAX_HIDDEN_LAYERS) {
            violations.add("$.hiddenLayers", "must be an array of at most " + TrainingConfig.MAX_HIDDEN_LAYERS
                    + " layer widths, got " + node);
            return List.of();
        }
        List<Integer> widths = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode width = node.get(i);
            if (width.isInt() && width.intValue() >= 1 && width.intValue() <= TrainingConfig.MAX_LAYER_WIDTH) {
                widths.add(width.intValue());
            } else {
                violations.add("$.hiddenLayers[" + i + "]", "must be an integer in [1, " + TrainingConfig.MAX_LAYER_WIDTH
                        + "], got " + width);
            }
        }
        return widths;
    }

    private static double number(ObjectNode object, String field, double fallback, Violations violations) {
        JsonNode node = object.get(field);
        if (node == null) {
            return fallback;
        }
        if (!node.isNumber()) {
            violations.add("$." + field, "must be a number, got " + node);
            return fallback;
        }
        return node.doubleValue();
    }

    private static int integer(ObjectNode object, String field, int fallback, int min, int max, Violations violations) {
        JsonNode node = object.get(field);
        if (node == null) {
            return fallback;
        }
        if (!node.isInt() || node.intValue() < min || node.intValue() > max) {
            violations.add("$." + field, "must be an integer in [" + min + ", " + max + "], got " + node);
            return fallback;
        }
        return node.intValue();
    }
}
