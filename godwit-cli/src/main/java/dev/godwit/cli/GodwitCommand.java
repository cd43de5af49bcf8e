package dev.godwit.cli;

import dev.godwit.cli.commands.AuditCommand;
import dev.godwit.cli.commands.AwaitCommand;
import dev.godwit.cli.commands.BackupCommand;
import dev.godwit.cli.commands.BaselineCommand;
import dev.godwit.cli.commands.CheckCommand;
import dev.godwit.cli.commands.CleanCommand;
import dev.godwit.cli.commands.DemoCommand;
import dev.godwit.cli.commands.FleetCommand;
import dev.godwit.cli.commands.InitCommand;
import dev.godwit.cli.commands.LintCommand;
import dev.godwit.cli.commands.LocksCommand;
import dev.godwit.cli.commands.MigrateCommand;
import dev.godwit.cli.commands.PlanCommand;
import dev.godwit.cli.commands.PreflightCommand;
import dev.godwit.cli.commands.RehearseCommand;
import dev.godwit.cli.commands.RepairCommand;
import dev.godwit.cli.commands.ReportCommand;
import dev.godwit.cli.commands.RollbackCommand;
import dev.godwit.cli.commands.ServeCommand;
import dev.godwit.cli.commands.SnapshotsCommand;
import dev.godwit.cli.commands.StatusCommand;
import dev.godwit.cli.commands.ValidateCommand;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "godwit", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Production-safe PostgreSQL migrations.",
        // One entry per line: picocli wraps long footer lines wherever the width ends, in the middle of an entry.
        footer = {"", "Exit codes:", "  0 ok", "  1 failed", "  2 usage or configuration", "  3 lock timeout",
            "  4 validation", "  5 safety gate", "  6 integrity", "  7 backup", "  8 database not ready",
            "  9 await timed out",
            "  10 internal error", "  12 backfill paused (max_runtime)", "  130 / 143 stopped by SIGINT / SIGTERM"})
public final class GodwitCommand implements Runnable {

    /**
     * The commands, in the order {@code godwit --help} lists them. Added by {@link #tree} rather than listed in
     * {@code @Command(subcommands)}: picocli builds the model of every command it is given (a fifth of a second
     * of start-up for all of them), and a run needs the model of one.
     */
    static final List<Class<?>> COMMANDS = List.of(InitCommand.class, StatusCommand.class, LintCommand.class,
            PlanCommand.class, MigrateCommand.class, RollbackCommand.class, ValidateCommand.class, RepairCommand.class,
            CheckCommand.class, BackupCommand.class, SnapshotsCommand.class, ReportCommand.class, AuditCommand.class,
            BaselineCommand.class, CleanCommand.class, PreflightCommand.class, LocksCommand.class,
            RehearseCommand.class, ServeCommand.class, DemoCommand.class, AwaitCommand.class, FleetCommand.class);

    /** {@code godwit} with every command: for help, errors and tests. */
    public static CommandLine tree() {
        return tree(new String[0]);
    }

    /**
     * {@code godwit} with the one command {@code args} runs, when they name one; else with every command (so that
     * {@code godwit --help} lists them and a mistyped command gets "did you mean").
     */
    public static CommandLine tree(String[] args) {
        CommandLine cl = new CommandLine(new GodwitCommand());
        Optional<String> named = commandIn(args);
        for (Class<?> c : COMMANDS) {
            String name = c.getAnnotation(Command.class).name();
            if (named.isEmpty() || named.get().equals(name)) {
                cl.addSubcommand(name, c);
            }
        }
        return cl;
    }

    /** The first argument that names a command, skipping options and the values of global options. */
    static Optional<String> commandIn(String[] args) {
        java.util.Set<String> names = new java.util.HashSet<>();
        COMMANDS.forEach(c -> names.add(c.getAnnotation(Command.class).name()));
        boolean value = false;
        for (String a : args) {
            if (value) {
                value = false;
            } else if (a.startsWith("-")) {
                value = GlobalOptions.takesValue(a);
            } else {
                return names.contains(a) ? Optional.of(a) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Spec
    CommandSpec spec;

    public GlobalOptions global() {
        return global;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a command, e.g. `godwit status`; see `godwit --help`");
    }
}
