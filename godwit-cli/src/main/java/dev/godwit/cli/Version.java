package dev.godwit.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest (set by Maven), for `godwit --version`. */
public final class Version implements IVersionProvider {

    public static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"godwit " + current() + " (Java " + Runtime.version() + ")"};
    }
}
