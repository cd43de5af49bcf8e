package dev.godwit.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.PrintWriter;
import java.util.Arrays;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

public final class Main {

    private Main() {}

    public static void main(String[] args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // Answered before logback, the signal handlers and picocli's command model (hundreds of classes)
            // are loaded: `godwit --version` is what scripts and installers call to check for Godwit.
            System.out.println(Version.line());
            return;
        }
        PrintWriter err = new PrintWriter(System.err, true);
        Signals.install(java.time.Duration.ofSeconds(25), err);
        System.exit(Signals.exitCode(run(args, new PrintWriter(System.out, true), err)));
    }

    /** Runs one command and returns its exit code; used by the launcher, the demo and the tests. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        boolean verbose = Arrays.stream(args).anyMatch(a -> a.equals("-v") || a.equals("--verbose"));
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(verbose ? Level.INFO : Level.WARN);
        dev.godwit.cli.ops.LogFormat.apply(args);
        return commandLine(GodwitCommand.tree(args), out, err, verbose).execute(args);
    }

    /**
     * The command tree with Godwit's output and error handling; tests that run it in-process start here.
     * {@code adjust} changes the tree (e.g. replaces a subcommand) before output and handlers are set, so
     * the changed parts get them too.
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err, boolean verbose,
                                          java.util.function.Consumer<CommandLine> adjust) {
        CommandLine cl = GodwitCommand.tree();
        adjust.accept(cl);
        return commandLine(cl, out, err, verbose);
    }

    private static CommandLine commandLine(CommandLine cl, PrintWriter out, PrintWriter err, boolean verbose) {
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            boolean json = ((GodwitCommand) cl.getCommand()).global().json();
            return json ? ErrorJson.around(e, out, err, w -> handle(e, w, verbose)) : handle(e, err, verbose);
        });
        cl.setExecutionStrategy(parsed -> {
            try {
                return new CommandLine.RunLast().execute(parsed);
            } finally {
                dev.godwit.cli.ops.MetricsExport.afterCommand(((GodwitCommand) cl.getCommand()).global(), err);
            }
        });
        cl.setParameterExceptionHandler((e, a) -> {
            java.util.function.ToIntFunction<PrintWriter> usage = w -> {
                w.println("godwit: error: " + notACommand(e).orElse(e.getMessage()));
                w.println("See `" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help`.");
                return ExitCodes.USAGE;
            };
            return Arrays.asList(a).contains("--json") ? ErrorJson.around(e, out, err, usage) : usage.applyAsInt(err);
        });
        return cl;
    }

    /** {@code godwit bogus}: picocli says "Unmatched argument at index 0"; say what it is and the nearest command. */
    static java.util.Optional<String> notACommand(CommandLine.ParameterException e) {
        if (!(e instanceof CommandLine.UnmatchedArgumentException u) || u.getUnmatched().isEmpty()
                || u.getCommandLine().getCommandSpec().parent() != null) {
            return java.util.Optional.empty();
        }
        String word = u.getUnmatched().get(0);
        if (word.startsWith("-")) {
            return java.util.Optional.empty();
        }
        java.util.Set<String> commands = u.getCommandLine().getSubcommands().keySet();
        return java.util.Optional.of("'" + word + "' is not a godwit command;"
                + dev.godwit.base.Suggestions.didYouMean(word, commands).replaceFirst("^ ", " ")
                + " `godwit --help` lists them");
    }

    private static int handle(Exception e, PrintWriter err, boolean verbose) {
        if (e instanceof dev.godwit.api.GodwitException g && g.getCause() instanceof java.sql.SQLException s
                && !(g instanceof dev.godwit.api.BackupCommands.BackupFailedException)) {
            // The API wrapped what the database said: say it as for any SQL error below.
            return handle(s, err, verbose);
        }
        if (e instanceof dev.godwit.api.GodwitException g) {
            // The API redacted its message; a URL may still carry a password.
            err.println("godwit: error: " + dev.godwit.db.Secrets.redactUrl(g.getMessage()));
            return g.exitCode();
        }
        if (e instanceof CliFailure f) {
            // The command already redacted its message through Output; print as is.
            err.println("godwit: error: " + dev.godwit.db.Secrets.redactUrl(f.getMessage()));
            return f.exitCode();
        }
        if (e instanceof java.sql.SQLException s && dev.godwit.db.Grants.denied(s)) {
            err.println("godwit: error: permission denied: " + dev.godwit.db.Secrets.redactUrl(s.getMessage())
                    + " (SQLSTATE 42501)\n  the database role lacks a privilege on Godwit's own tables or schema; see"
                    + " docs/operations.md, \"Grants for a deploy role\", for what a deploy role needs");
            return ExitCodes.USAGE;
        }
        if (e instanceof dev.godwit.lock.PoolerDetectedException p) {
            err.println("godwit: error: " + p.getMessage());
            return ExitCodes.USAGE;
        }
        if (e instanceof InterruptedException) {
            err.println("godwit: error: interrupted");
            return ExitCodes.FAILED;
        }
        if (e instanceof java.sql.SQLException s && s.getSQLState() != null && (s.getSQLState().startsWith("08")
                || s.getSQLState().startsWith("57P0"))) {
            err.println("godwit: error: lost the connection to the database (the server stopped or crashed, or the"
                    + " network broke): " + dev.godwit.db.Secrets.redactUrl(s.getMessage()) + " (SQLSTATE "
                    + s.getSQLState() + ")\n  a transaction that was open is rolled back by PostgreSQL; once the"
                    + " database is back, `godwit status` shows what is applied");
            return ExitCodes.FAILED;
        }
        if (e instanceof java.sql.SQLException s) {
            err.println("godwit: error: the database reported an error Godwit did not expect: "
                    + dev.godwit.db.Secrets.redactUrl(s.getMessage()) + " (SQLSTATE " + s.getSQLState() + ")");
            if (verbose) {
                e.printStackTrace(err);
            }
            return ExitCodes.FAILED;
        }
        err.println("godwit: internal error: " + e + "\nThis is a bug in Godwit. Please report it with the stack"
                + " trace below and the command you ran:");
        e.printStackTrace(err);
        return ExitCodes.INTERNAL;
    }
}
