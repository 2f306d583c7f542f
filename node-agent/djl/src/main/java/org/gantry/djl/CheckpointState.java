package org.gantry.djl;

/**
 * What a checkpoint says about itself: the last epoch it holds, the run it belongs to
 * ({@link TrainingData#fingerprint()}), and that epoch's metrics, so a run killed between its last
 * checkpoint and writing the model can write the model without training again.
 */
record CheckpointState(int epoch, String fingerprint, double trainLoss, double validationMse, double validationMae) {}
