package dev.godwit.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.Consumer;
import picocli.CommandLine;

/**
 * Runs the CLI in this JVM with Main's own output and error handling, for tests that need to hand a
 * command something a child process cannot get (an environment of their own).
 */
final class InProcess {

    private InProcess() {}

    record Result(int exitCode, String stdout, String stderr) {
        String all() {
            return stdout + stderr;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    /** @param adjust changes the command tree before it runs, e.g. replaces a subcommand */
    static Result run(Consumer<CommandLine> adjust, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), false, adjust);
        return new Result(cl.execute(args), out.toString(), err.toString());
    }

    static String[] withUrl(String url, String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--url";
        all[args.length + 1] = url;
        return all;
    }
}
