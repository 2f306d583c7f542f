package org.gantry.api.service;

import java.time.Instant;

/**
 * The 10–90 % range of a waiting job's estimated start: the queue run forward with every
 * duration at its 10th percentile gives {@code earliest}, at its 90th {@code latest}.
 */
public record StartRange(Instant earliest, Instant latest) {}
