package org.gantry.agent.isolation;

/** The uids the agent gives tenants' jobs, {@code first} to {@code last} inclusive, as {@code --job-uids} reads. */
public record UidRange(int first, int last) {
    public static final UidRange DEFAULT = new UidRange(61000, 61999);

    public UidRange {
        if (first < 1000 || last < first) {
            throw new IllegalArgumentException("a job uid range is FIRST-LAST with 1000 <= FIRST <= LAST, got "
                    + first + "-" + last + " (uids below 1000 belong to the system)");
        }
    }

    /** {@code 61000-61999}. */
    public static UidRange parse(String text) {
        String[] parts = text.strip().split("-");
        try {
            if (parts.length == 2) {
                return new UidRange(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("a job uid range is FIRST-LAST, e.g. 61000-61999; got '" + text + "'");
    }

    public int size() {
        return last - first + 1;
    }

    @Override
    public String toString() {
        return first + "-" + last;
    }
}
