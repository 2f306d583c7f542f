package org.gantry.ops.cli;

import picocli.CommandLine.IVersionProvider;

/**
 * Gantry's version as the fat jar's manifest records it ({@code Implementation-Version}),
 * or {@code dev} when running from classes (tests, an IDE). Shared by {@code gantry version}
 * and {@code gantry --version}.
 */
final class GantryVersion implements IVersionProvider {

    static String version() {
        String v = GantryVersion.class.getPackage().getImplementationVersion();
        return v == null || v.isBlank() ? "dev" : v;
    }

    static String[] lines() {
        return new String[] {
            "gantry " + version(),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ", "
                + System.getProperty("java.vm.name") + ")"
        };
    }

    @Override
    public String[] getVersion() {
        return lines();
    }
}
