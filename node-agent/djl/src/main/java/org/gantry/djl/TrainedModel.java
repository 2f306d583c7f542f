package org.gantry.djl;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gantry.api.json.GantryJson;

/**
 * A trained model loaded from its directory, ready to predict: rows of raw feature values in,
 * predictions in the target's units out, the saved preprocessing applied in between.
 *
 * <p>Thread-safe: each {@link #predict} call runs its own forward pass over the shared, read-only
 * parameters, so a server may call it from many threads; it takes a batch, so a server that
 * gathers concurrent requests answers them with one pass. {@link #close} only when no call is
 * running.
 */
public final class TrainedModel implements AutoCloseable {
    private final ModelCard card;
    private final NDManager manager;
    private final SequentialBlock block;
    private final Set<String> features;
    private volatile boolean closed;

    private TrainedModel(ModelCard card, NDManager manager, SequentialBlock block) {
        this.card = card;
        this.manager = manager;
        this.block = block;
        this.features = Set.copyOf(card.features());
    }

    /** Loads the model in {@code dir} (its {@code model.json} and the parameters it names). */
    public static TrainedModel load(Path dir) throws IOException {
        Path json = dir.resolve(ModelCard.FILE);
        if (!Files.exists(json)) {
            throw new NoSuchFileException(json.toString(), null, "no model here: " + ModelCard.FILE + " is missing");
        }
        ModelCard card = GantryJson.mapper().readValue(json.toFile(), ModelCard.class);
        if (card.format() != ModelCard.FORMAT) {
            throw new IOException(json + " has format " + card.format() + ", this loader reads " + ModelCard.FORMAT);
        }
        Engine engine = DjlRuntime.engine();
        NDManager manager = engine.newBaseManager();
        try (InputStream file = Files.newInputStream(dir.resolve(card.parameters()))) {
            SequentialBlock block = Mlp.create(card.hiddenLayers(), card.features().size(), manager);
            block.loadParameters(manager, new DataInputStream(new BufferedInputStream(file)));
            return new TrainedModel(card, manager, block);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            manager.close();
            if (e instanceof IOException io) {
                throw io;
            }
            throw new IOException("cannot load the parameters in " + dir + ": " + e.getMessage(), e);
        }
    }

    public ModelCard card() {
        return card;
    }

    /**
     * Predicts the target for each row, in order. A row maps every feature of the model to a number
     * (any {@link Number}, finite), and nothing else.
     *
     * @throws PredictionInputException naming each missing, unknown or non-numeric feature and its row;
     *                                  nothing is predicted then
     */
    public double[] predict(List<? extends Map<String, ?>> rows) {
        float[] input = scaledInput(rows);
        if (rows.isEmpty()) {
            return new double[0];
        }
        if (closed) {
            throw new IllegalStateException("the model was closed");
        }
        float[] output;
        try (NDManager scratch = manager.newSubManager()) {
            NDArray x = scratch.create(input, new Shape(rows.size(), card.features().size()));
            output = block.forward(new ParameterStore(scratch, false), new NDList(x), false)
                    .singletonOrThrow().toFloatArray();
        }
        double[] predictions = new double[output.length];
        for (int i = 0; i < output.length; i++) {
            predictions[i] = card.preprocessing().target().unscale(output[i]);
        }
        return predictions;
    }

    @Override
    public void close() {
        closed = true;
        manager.close();
    }

    private float[] scaledInput(List<? extends Map<String, ?>> rows) {
        List<String> order = card.features();
        int width = order.size();
        float[] input = new float[rows.size() * width];
        double[] raw = new double[width];
        List<PredictionInputException.Problem> problems = new ArrayList<>();
        int total = 0;
        for (int r = 0; r < rows.size(); r++) {
            Map<String, ?> row = rows.get(r);
            int before = total;
            for (int f = 0; f < width; f++) {
                String name = order.get(f);
                Object value = row.get(name);
                String problem = value == null && !row.containsKey(name) ? "missing"
                        : !(value instanceof Number number) ? "must be a number, got " + kind(value)
                        : !Double.isFinite(number.doubleValue()) ? "must be a finite number, got " + value
                        : null;
                if (problem == null) {
                    raw[f] = ((Number) value).doubleValue();
                } else if (total++ < PredictionInputException.SHOWN) {
                    problems.add(new PredictionInputException.Problem(r, name, problem));
                }
            }
            if (row.size() > width || total > before) {
                Set<String> unknown = new HashSet<>(row.keySet());
                unknown.removeAll(features);
                for (String name : unknown.stream().sorted().toList()) {
                    if (total++ < PredictionInputException.SHOWN) {
                        problems.add(new PredictionInputException.Problem(r, name,
                                "unknown feature (the model reads " + String.join(", ", order) + ")"));
                    }
                }
            }
            if (total == 0) {
                card.preprocessing().scaleInto(raw, input, r * width);
            }
        }
        if (total > 0) {
            throw new PredictionInputException(problems, total);
        }
        return input;
    }

    private static String kind(Object value) {
        return value == null ? "null"
                : value instanceof CharSequence text ? "the string \"" + clip(text.toString()) + "\""
                : value instanceof Boolean ? "a boolean"
                : value instanceof Map ? "an object"
                : value instanceof List ? "an array"
                : "a " + value.getClass().getSimpleName();
    }

    private static String clip(String text) {
        return text.length() <= 32 ? text : text.substring(0, 32) + "…";
    }
}
