package org.gantry.scheduler.policy;

/**
 * Stages 6 and 7, reclaim and shrink: free GPUs for an admitted job that does not fit, by
 * shrinking elastic jobs toward their minimum and, for work within its tenant's guarantee, by
 * preempting borrowed work. The freed GPUs arrive once the victims have checkpointed.
 */
public interface RoomMaker {
    RoomMaker NONE = new RoomMaker() {
        @Override
        public boolean makeRoom(PendingJob job, int gpus, boolean withinGuarantee, PassState state) {
            return false;
        }

        @Override
        public boolean canAct(PassState state) {
            return false;
        }
    };

    /** Try to free {@code gpus} GPUs for the job; true when room is on its way (the state records how, and explains). */
    boolean makeRoom(PendingJob job, int gpus, boolean withinGuarantee, PassState state);

    /** Whether anything is left that could be shrunk or preempted in this pass. */
    boolean canAct(PassState state);
}
