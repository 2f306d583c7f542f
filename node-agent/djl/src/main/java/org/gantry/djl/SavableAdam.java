package org.gantry.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.optimizer.Optimizer;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Adam (Kingma and Ba, 2015) whose state can be saved and loaded. DJL's own {@code Adam} keeps its
 * moments and step counts private, so a resumed run would restart them at zero and take
 * full-size, uncorrected steps from a trained model; this one checkpoints them with the parameters.
 *
 * <p>State is keyed by the parameter's path in the block ({@code 01Linear_weight}), which is the
 * same in every process that builds the same MLP, unlike DJL's per-instance parameter ids. The
 * update is DJL's (the same fused engine kernel, so the same numbers); only the state is ours.
 * Used by one training thread.
 */
final class SavableAdam extends Optimizer {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final float learningRate;
    private final NDManager manager;
    private final Map<String, NDArray> means = new HashMap<>();
    private final Map<String, NDArray> variances = new HashMap<>();
    private final Map<String, Long> steps = new HashMap<>();

    /** State arrays live in {@code manager}, which must outlive the optimizer. */
    SavableAdam(float learningRate, NDManager manager) {
        super(new Builder());
        this.learningRate = learningRate;
        this.manager = manager;
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        long t = steps.merge(parameterId, 1L, Long::sum);
        NDArray m = means.computeIfAbsent(parameterId, k -> state(weight));
        NDArray v = variances.computeIfAbsent(parameterId, k -> state(weight));
        float biasCorrected = (float) (learningRate * Math.sqrt(1 - Math.pow(BETA2, t)) / (1 - Math.pow(BETA1, t)));
        // The engine's fused kernel, as DJL's Adam calls it (one native call instead of a dozen):
        // m = β1·m + (1-β1)·g; v = β2·v + (1-β2)·g²; w -= biasCorrected · m / (√v + ε). On PyTorch it
        // also clears the gradient.
        weight.getNDArrayInternal().adamUpdate(new NDList(weight, grad, m, v), new NDList(weight), learningRate,
                biasCorrected, 0f, 1f, -1f, BETA1, BETA2, EPSILON, true, false);
    }

    /** Writes every moment and step count, parameters in name order. */
    void save(DataOutputStream out) throws IOException {
        Map<String, Long> sorted = new TreeMap<>(steps);
        out.writeInt(sorted.size());
        for (Map.Entry<String, Long> entry : sorted.entrySet()) {
            out.writeUTF(entry.getKey());
            out.writeLong(entry.getValue());
            writeArray(out, means.get(entry.getKey()));
            writeArray(out, variances.get(entry.getKey()));
        }
    }

    /** Replaces the state with what {@link #save} wrote. */
    void load(DataInputStream in) throws IOException {
        clear();
        int count = in.readInt();
        if (count < 0 || count > 10_000) {
            throw new IOException("optimizer state claims " + count + " parameters");
        }
        for (int i = 0; i < count; i++) {
            String name = in.readUTF();
            steps.put(name, in.readLong());
            means.put(name, readArray(in));
            variances.put(name, readArray(in));
        }
    }

    /** Steps taken for one parameter (each batch takes one). */
    long steps(String parameterId) {
        return steps.getOrDefault(parameterId, 0L);
    }

    private void clear() {
        means.values().forEach(NDArray::close);
        variances.values().forEach(NDArray::close);
        means.clear();
        variances.clear();
        steps.clear();
    }

    private NDArray state(NDArray weight) {
        NDArray zeros = manager.zeros(weight.getShape(), weight.getDataType());
        NDScope.unregister(zeros); // kept across batches, whatever scope the first update ran in
        return zeros;
    }

    private static void writeArray(DataOutputStream out, NDArray array) throws IOException {
        byte[] bytes = array.encode();
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private NDArray readArray(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > 1 << 30) {
            throw new IOException("optimizer state holds an array of " + length + " bytes");
        }
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new IOException("optimizer state ends inside an array");
        }
        NDArray array = manager.decode(bytes);
        NDScope.unregister(array);
        return array;
    }

    /** DJL's optimizers take their common settings (none used here) from a builder. */
    private static final class Builder extends OptimizerBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}
