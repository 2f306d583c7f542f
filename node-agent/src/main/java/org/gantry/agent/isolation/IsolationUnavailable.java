package org.gantry.agent.isolation;

/** Why jobs cannot be isolated on this node; the message is fit for an operator and for GET /nodes. */
public final class IsolationUnavailable extends Exception {
    private static final long serialVersionUID = 1L;

    public IsolationUnavailable(String message) {
        super(message);
    }
}
