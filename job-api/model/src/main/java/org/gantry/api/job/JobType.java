package org.gantry.api.job;

/** Training runs to completion; inference serves until cancelled. */
public enum JobType {
    TRAINING,
    INFERENCE
}
