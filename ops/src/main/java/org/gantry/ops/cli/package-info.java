/**
 * The {@code gantry} command line: {@link org.gantry.ops.cli.GantryCommand} and one class per
 * subcommand. The fat jar's main class; run it through the {@code ./gantry} launcher.
 */
package org.gantry.ops.cli;
