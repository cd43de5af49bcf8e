package dev.godwit.cli.commands;

import dev.godwit.cli.GlobalOptions;
import dev.godwit.cli.GodwitCommand;
import dev.godwit.cli.Output;
import dev.godwit.cli.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What every subcommand shares: the global options, its output, its session. */
abstract class BaseCommand implements Callable<Integer> {

    /** {@code godwit <command> --help}, as the README promises for every command. */
    @picocli.CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @ParentCommand
    GodwitCommand parent;

    @Spec
    CommandSpec spec;

    private Output output;

    GlobalOptions global() {
        return parent.global();
    }

    Output out() {
        if (output == null) {
            boolean json = global().json();
            boolean color = !json && System.console() != null && System.getenv("NO_COLOR") == null;
            output = new Output(spec.commandLine().getOut(), spec.commandLine().getErr(), json, color);
        }
        return output;
    }

    Session session() {
        return session(Session.CommandOverrides.NONE);
    }

    Session session(Session.CommandOverrides overrides) {
        return Session.of(global(), out(), overrides);
    }
}
