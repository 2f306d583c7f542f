package org.gantry.agent.isolation;

/** The unprivileged identity a job runs as: a uid of its tenant, and a group of the same number. */
public record JobUser(int uid, int gid) {
    public JobUser {
        if (uid <= 0 || gid <= 0) {
            throw new IllegalArgumentException("a job never runs as root: uid " + uid + ", gid " + gid);
        }
    }
}
