package org.gantry.api.model;

/** How a trained model did on its validation split, in the target's own units. */
public record ModelMetrics(double validationMae, double validationMse) {}
