package org.gantry.api.json;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.gantry.api.job.JobLimits;

/** The bounds on one kind of string-to-string map (environment, labels), and how to read one. */
record StringMapRules(int maxEntries, Predicate<String> validKey, String keyRule, int maxValueLength) {

    static final StringMapRules ENV = new StringMapRules(JobLimits.MAX_ENV_ENTRIES, JobLimits::isEnvKey,
            "keys must match " + JobLimits.ENV_KEY.pattern() + " and be at most " + JobLimits.MAX_ENV_KEY_LENGTH
                    + " characters long",
            JobLimits.MAX_ENV_VALUE_LENGTH);

    static final StringMapRules LABELS = new StringMapRules(JobLimits.MAX_LABELS, JobLimits::isLabelKey,
            "keys must be 1 to " + JobLimits.MAX_LABEL_KEY_LENGTH + " characters long",
            JobLimits.MAX_LABEL_VALUE_LENGTH);

    /** The map at {@code at}, in the order sent; null when absent or when any entry is at fault. */
    Map<String, String> read(TreeReader reader, At at) {
        Fields fields = reader.object(at);
        if (fields == null) {
            return null;
        }
        if (fields.size() > maxEntries) {
            reader.report(at.path(), "has " + fields.size() + " entries; at most " + maxEntries + " allowed");
            return null;
        }
        Map<String, String> map = new LinkedHashMap<>();
        boolean valid = true;
        for (Map.Entry<String, At> entry : fields.entries()) {
            String key = entry.getKey();
            if (!validKey.test(key)) {
                // The key itself is at fault, so point at the map that holds it.
                reader.report(at.path(), "key " + Quoting.quote(key) + " is invalid: " + keyRule);
                valid = false;
                continue;
            }
            String value = reader.text(entry.getValue());
            if (value != null && value.length() > maxValueLength) {
                reader.report(entry.getValue().path(), TreeReader.tooLong(value, maxValueLength));
                value = null;
            }
            if (value == null) {
                valid = false;
            } else {
                map.put(key, value);
            }
        }
        return valid ? map : null;
    }
}
