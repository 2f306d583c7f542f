package org.gantry.api.http;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import org.gantry.api.job.Job;

/**
 * The answer to a submit: the job's fields, then {@code warnings}. Written in one go, not built
 * as a tree and written again: that was a tenth of the submit path's JSON work.
 */
record SubmitAnswer(@JsonUnwrapped Job job, List<String> warnings) {}
