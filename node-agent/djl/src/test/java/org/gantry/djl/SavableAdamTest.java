package org.gantry.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SavableAdamTest {
    private static final float[] GRADIENTS = {0.5f, -1f, 2f, 0.25f, -0.75f, 1.5f};
    private NDManager manager;

    @BeforeEach
    void open() {
        manager = DjlRuntime.engine().newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void stepsAsTheTextbookSays() {
        SavableAdam adam = new SavableAdam(0.1f, manager);
        NDArray weight = manager.create(new float[] {1f, 2f});

        adam.update("w", weight, manager.create(new float[] {0.5f, -1f}));

        // First step: m̂ = g, v̂ = g², so each weight moves by lr·sign(g) (ε aside).
        assertThat(weight.toFloatArray()).containsExactly(new float[] {0.9f, 2.1f}, within(1e-5f));
        assertThat(adam.steps("w")).isEqualTo(1);
    }

    @Test
    void matchesDjlsOwnAdamStepForStep() {
        SavableAdam ours = new SavableAdam(0.01f, manager);
        Optimizer theirs = Adam.builder().optLearningRateTracker(Tracker.fixed(0.01f)).build();
        NDArray a = manager.create(new float[] {1f, -2f, 3f});
        NDArray b = manager.create(new float[] {1f, -2f, 3f});

        for (int step = 0; step < GRADIENTS.length; step++) {
            float g = GRADIENTS[step];
            ours.update("w", a, manager.create(new float[] {g, -g / 2, g * 3}));
            theirs.update("w", b, manager.create(new float[] {g, -g / 2, g * 3}));
            assertThat(a.toFloatArray()).containsExactly(b.toFloatArray(), within(1e-6f));
        }
    }

    @Test
    void aLoadedStateStepsAsTheSavedOneWould() throws Exception {
        SavableAdam original = new SavableAdam(0.01f, manager);
        NDArray weight = manager.create(new float[] {1f, -2f});
        for (int step = 0; step < 3; step++) {
            original.update("w", weight, manager.create(new float[] {GRADIENTS[step], -GRADIENTS[step]}));
        }
        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        original.save(new DataOutputStream(saved));

        SavableAdam restored = new SavableAdam(0.01f, manager);
        restored.load(new DataInputStream(new ByteArrayInputStream(saved.toByteArray())));
        NDArray copy = weight.duplicate();
        NDArray fresh = weight.duplicate();
        SavableAdam restarted = new SavableAdam(0.01f, manager);
        for (int step = 3; step < GRADIENTS.length; step++) {
            float[] g = {GRADIENTS[step], -GRADIENTS[step]};
            original.update("w", weight, manager.create(g));
            restored.update("w", copy, manager.create(g));
            restarted.update("w", fresh, manager.create(g));
        }

        assertThat(restored.steps("w")).isEqualTo(6);
        assertThat(copy.toFloatArray()).containsExactly(weight.toFloatArray(), within(0f));
        assertThat(fresh.toFloatArray()).as("without the state, Adam takes other steps")
                .isNotEqualTo(weight.toFloatArray());
    }
}
