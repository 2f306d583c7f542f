package org.gantry.ops.cli;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.gantry.scheduler.policy.Policies;
import org.gantry.scheduler.policy.PolicyEntry;
import picocli.CommandLine;

/**
 * The policies as help texts show them, read from the one registry ({@link Policies#all()}), so
 * no help text lists them by hand and a new policy shows up everywhere at once.
 */
public final class PolicyHelp {
    private static final String SECTION = "policies";
    private static final int WIDTH = 79;
    private static final int NAME_COLUMN = 16;

    private PolicyHelp() {}

    /** The policies that need no true durations, for {@code ${COMPLETION-CANDIDATES}}: what a scheduler can run. */
    public static final class Runnable implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Policies.all().stream().filter(entry -> !entry.oracle()).map(PolicyEntry::name).iterator();
        }
    }

    /**
     * Adds a "Policies" section before the command's footer: each policy with its summary,
     * marked when it runs only on request (not compared by default).
     */
    static void addSection(CommandLine command) {
        command.getHelpSectionMap().put(SECTION, help -> render());
        List<String> keys = new ArrayList<>(command.getHelpSectionKeys());
        keys.add(keys.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER_HEADING), SECTION);
        command.setHelpSectionKeys(keys);
    }

    private static String render() {
        var text = new StringBuilder(String.format("%nPolicies (* only when named in --policies):%n"));
        for (PolicyEntry entry : Policies.all()) {
            String name = "  " + entry.name() + (entry.comparedByDefault() ? "" : " *");
            text.append(String.format("%-" + NAME_COLUMN + "s", name));
            if (name.length() >= NAME_COLUMN) {
                text.append(String.format("%n%" + NAME_COLUMN + "s", ""));
            }
            int column = NAME_COLUMN;
            for (String word : (entry.summary() + ".").split(" ")) {
                if (column > NAME_COLUMN && column + 1 + word.length() > WIDTH) {
                    text.append(String.format("%n%" + NAME_COLUMN + "s", ""));
                    column = NAME_COLUMN;
                }
                if (column > NAME_COLUMN) {
                    text.append(' ');
                    column++;
                }
                text.append(word);
                column += word.length();
            }
            text.append(String.format("%n"));
        }
        return text.toString();
    }
}
