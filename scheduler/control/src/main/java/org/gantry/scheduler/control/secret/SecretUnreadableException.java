package org.gantry.scheduler.control.secret;

/**
 * A sealed secret value that the control plane's key does not open: the key changed (another
 * {@code GANTRY_SECRET_KEY}, or the data dir's {@code secret.key} replaced) or the record was
 * damaged. Names the variable only, never a value.
 */
public final class SecretUnreadableException extends IllegalStateException {
    public SecretUnreadableException(String variable) {
        super("secret variable " + variable + " cannot be opened with this control plane's key: was "
                + SecretKeys.ENV + " or the data dir's " + SecretKeys.FILE + " changed since the job was submitted?");
    }
}
