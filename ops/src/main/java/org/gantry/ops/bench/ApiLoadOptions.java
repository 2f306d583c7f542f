package org.gantry.ops.bench;

import java.net.URI;
import java.time.Duration;

/**
 * One load run against a running Gantry.
 *
 * @param clients  concurrent clients, each submitting as soon as its previous submit was answered
 *                 (closed loop); ignored when {@code rate} is set
 * @param rate     submits per second at a fixed pace (open loop: latency counts from when each
 *                 submit was due, so a slow server cannot hide its queueing); 0 for closed loop
 * @param jobBody  the JSON of each job
 * @param awaitJobs     after submitting, wait for every job to end and measure end to end
 */
public record ApiLoadOptions(URI url, String token, int jobs, int clients, double rate, String jobBody,
                             boolean awaitJobs, Duration waitTimeout) {
    public ApiLoadOptions {
        if (jobs < 1) {
            throw new IllegalArgumentException("--jobs must be >= 1, got " + jobs);
        }
        if (clients < 1) {
            throw new IllegalArgumentException("--clients must be >= 1, got " + clients);
        }
        if (rate < 0) {
            throw new IllegalArgumentException("--rate must be >= 0, got " + rate);
        }
    }
}
