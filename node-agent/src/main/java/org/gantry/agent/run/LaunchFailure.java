package org.gantry.agent.run;

/** A workload that could not be started; the message says why, in words fit for the user. */
public final class LaunchFailure extends Exception {
    private static final long serialVersionUID = 1L;

    public LaunchFailure(String message) {
        super(message);
    }

    public LaunchFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
