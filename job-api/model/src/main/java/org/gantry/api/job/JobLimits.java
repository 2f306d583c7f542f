package org.gantry.api.job;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Every bound on a job spec, in one place. The ranges that give a value its meaning (priority,
 * retries) are enforced by the records too; the sizes that only protect the control plane from
 * oversized or hostile requests (string lengths, entry counts, the longest duration) are
 * enforced where user input is read, by {@code JobSpecReader}.
 */
public final class JobLimits {
    public static final int MIN_PRIORITY = -1000;
    public static final int MAX_PRIORITY = 1000;
    public static final int MAX_RETRIES = 100;

    /** The longest duration a job may state: beyond a year it is surely a unit mistake. */
    public static final Duration MAX_DURATION = Duration.ofDays(365);

    /** The longest a stopped job may take to write its last checkpoint: its GPUs wait meanwhile. */
    public static final Duration MAX_CHECKPOINT_GRACE = Duration.ofHours(1);

    public static final int MAX_COMMAND_ARGS = 256;
    public static final int MAX_COMMAND_ARG_LENGTH = 4096;
    public static final int MAX_WORKING_DIR_LENGTH = 4096;

    public static final int MAX_ENV_ENTRIES = 128;
    public static final int MAX_ENV_KEY_LENGTH = 256;
    public static final int MAX_ENV_VALUE_LENGTH = 32 * 1024;
    /** What a POSIX shell accepts as a variable name; anything else cannot be read back by the workload. */
    public static final Pattern ENV_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public static final int MAX_LABELS = 64;
    public static final int MAX_LABEL_KEY_LENGTH = 63;
    public static final int MAX_LABEL_VALUE_LENGTH = 256;

    public static final int MAX_GPU_MODEL_LENGTH = 256;

    /**
     * The largest spec, as compact JSON: a spec travels whole in one cluster message (to the job's
     * entity and to every agent that starts it), which must stay well below Artery's frame size
     * (256 KiB by default) even with its secret values sealed (a third larger).
     */
    public static final int MAX_SPEC_BYTES = 64 * 1024;

    private JobLimits() {}

    public static boolean isEnvKey(String key) {
        return key.length() <= MAX_ENV_KEY_LENGTH && ENV_KEY.matcher(key).matches();
    }

    public static boolean isLabelKey(String key) {
        return !key.isEmpty() && key.length() <= MAX_LABEL_KEY_LENGTH;
    }
}
