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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "godwit", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Production-safe PostgreSQL migrations.",
        subcommands = {InitCommand.class, StatusCommand.class, LintCommand.class, PlanCommand.class,
            MigrateCommand.class, RollbackCommand.class, ValidateCommand.class, RepairCommand.class, CheckCommand.class,
            BackupCommand.class, SnapshotsCommand.class, ReportCommand.class, AuditCommand.class, BaselineCommand.class,
            CleanCommand.class, PreflightCommand.class, LocksCommand.class, RehearseCommand.class,
            ServeCommand.class, DemoCommand.class, AwaitCommand.class, FleetCommand.class},
        // One entry per line: picocli wraps long footer lines wherever the width ends, in the middle of an entry.
        footer = {"", "Exit codes:", "  0 ok", "  1 failed", "  2 usage or configuration", "  3 lock timeout",
            "  4 validation", "  5 safety gate", "  6 integrity", "  7 backup", "  8 database not ready",
            "  9 await timed out",
            "  10 internal error", "  12 backfill paused (max_runtime)", "  130 / 143 stopped by SIGINT / SIGTERM"})
public final class GodwitCommand implements Runnable {

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
