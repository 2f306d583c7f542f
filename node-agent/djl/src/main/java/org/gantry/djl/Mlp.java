package org.gantry.djl;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.util.List;

/** The model: fully connected hidden layers with ReLU, and one linear output for the (scaled) target. */
final class Mlp {
    private Mlp() {}

    /** A new MLP over {@code features} inputs, its parameters drawn from the engine's seeded generator. */
    static SequentialBlock create(List<Integer> hiddenLayers, int features, NDManager manager) {
        SequentialBlock block = new SequentialBlock();
        for (int width : hiddenLayers) {
            block.add(Linear.builder().setUnits(width).build());
            block.add(Activation.reluBlock());
        }
        block.add(Linear.builder().setUnits(1).build());
        block.initialize(manager, DataType.FLOAT32, new Shape(1, features));
        return block;
    }
}
