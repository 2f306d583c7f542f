package org.gantry.scheduler.predict;

/** What is known about a job when it is submitted, and so what a duration prediction may use. */
public record JobFeatures(String tenant, String name, int gpus) {
    public JobFeatures {
        name = name == null ? "" : name;
    }
}
