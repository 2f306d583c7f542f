package org.gantry.scheduler.control.job;

import org.gantry.api.job.TrainingProgress;

/** One finished training epoch, as the job's events keep it (the journal's own type). */
public record EpochFacts(int epoch, int epochs, double trainLoss, double validationMse, double validationMae) {

    static EpochFacts of(TrainingProgress progress) {
        return new EpochFacts(progress.epoch(), progress.epochs(), progress.trainLoss(), progress.validationMse(),
                progress.validationMae());
    }

    TrainingProgress toApi() {
        return new TrainingProgress(epoch, epochs, trainLoss, validationMse, validationMae);
    }
}
