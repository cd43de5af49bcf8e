package dev.godwit.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest (set by Maven), for `godwit --version`. */
public final class Version implements IVersionProvider {

    public static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    /** What {@code godwit --version} prints. */
    public static String line() {
        return "godwit " + current() + " (Java " + Runtime.version() + ")";
    }

    @Override
    public String[] getVersion() {
        return new String[] {line()};
    }
}
