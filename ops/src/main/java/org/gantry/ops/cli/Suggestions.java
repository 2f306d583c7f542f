package org.gantry.ops.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** "Did you mean": the command or option nearest to a mistyped word, if one is near enough to be meant. */
final class Suggestions {
    private Suggestions() {}

    /** What a user may type at this level: the subcommands' names and the options' names. */
    static List<String> choices(CommandSpec spec) {
        List<String> choices = new ArrayList<>(spec.subcommands().keySet());
        for (OptionSpec option : spec.options()) {
            choices.addAll(List.of(option.names()));
        }
        return choices;
    }

    /**
     * The choice within two edits (a swap of neighbours counts as one) of {@code typed}, the
     * nearest first; none when the word is short enough that two edits could reach anything.
     */
    static Optional<String> nearest(String typed, Collection<String> choices) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String choice : choices) {
            int distance = distance(typed, choice);
            if (distance < bestDistance) {
                best = choice;
                bestDistance = distance;
            }
        }
        int allowed = Math.min(2, Math.max(1, typed.replaceFirst("^-+", "").length() / 3));
        return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
