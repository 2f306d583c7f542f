package org.gantry.scheduler.control;

import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.TypedActorContext;

/** Runs a step after the wrapped behavior handled each message (not signals). */
final class AfterEachMessage extends BehaviorInterceptor<SchedulerCommand, SchedulerCommand> {
    private final Runnable step;

    AfterEachMessage(Runnable step) {
        super(SchedulerCommand.class);
        this.step = step;
    }

    @Override
    public Behavior<SchedulerCommand> aroundReceive(TypedActorContext<SchedulerCommand> context,
                                                    SchedulerCommand message,
                                                    ReceiveTarget<SchedulerCommand> target) {
        Behavior<SchedulerCommand> next = target.apply(context, message);
        step.run();
        return next;
    }
}
