/**
 * The {@code djl-train} pipeline and the model {@code djl-serve} answers with, on DJL's PyTorch
 * engine: a numeric CSV (read by {@code org.gantry.api.dataset}) → drop rows with missing values →
 * standardise, then min-max scale (fitted on the training split) → an MLP with ReLU hidden layers
 * and a linear output → Adam on MSE, MAE on a seeded validation split → checkpoints after every
 * epoch → a model directory ({@link org.gantry.djl.ModelCard#FILE} and the parameters).
 *
 * <p>It runs as a child process of the agent ({@link org.gantry.djl.TrainMain}), never inside the
 * agent's JVM, so a native crash or an out-of-memory ends the job, not the node. No Pekko, no
 * cluster: the build refuses Pekko here.
 */
package org.gantry.djl;
