package org.gantry.djl;

/** Training ran but cannot succeed as configured (it diverged): the job fails with this message. */
final class TrainingFailedException extends RuntimeException {
    TrainingFailedException(String message) {
        super(message);
    }
}
