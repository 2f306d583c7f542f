package org.gantry.agent.gpu;

/** What one run of {@code nvidia-smi} gave: its exit and output, or why it gave nothing. */
sealed interface SmiOutcome {

    /** It ran to its end: {@code output} is stdout and stderr together. */
    record Answered(int exitCode, String output) implements SmiOutcome {}

    /** It could not be run, or did not end within the timeout and was killed. */
    record Failed(String why) implements SmiOutcome {}
}
