package dev.godwit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.godwit.api.GodwitException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * With {@code --json}, an error is a JSON document on stdout too, so that a script reading stdout never gets
 * nothing: {@code {"error": {"code", "exitCode", "message", "hint", "problems"}}}. The same words still go to
 * stderr for the person watching.
 */
final class ErrorJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ErrorJson() {}

    /** Runs {@code text} (which prints the error and returns the exit code) and adds the JSON document. */
    static int around(Exception e, PrintWriter out, PrintWriter err, ToIntFunction<PrintWriter> text) {
        StringWriter words = new StringWriter();
        int code = text.applyAsInt(new PrintWriter(words, true));
        err.print(words);
        err.flush();
        out.println(document(e, code, words.toString()));
        out.flush();
        return code;
    }

    static String document(Exception e, int exitCode, String printed) {
        String text = printed.strip().replaceFirst("^godwit: (internal )?error: ", "");
        int newline = text.indexOf('\n');
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code(exitCode));
        error.put("exitCode", exitCode);
        error.put("message", newline < 0 ? text : text.substring(0, newline));
        error.put("hint", newline < 0 ? null : text.substring(newline + 1).strip());
        error.put("problems", e instanceof GodwitException g
                ? dev.godwit.cli.commands.ProblemJson.of(g.problems()) : List.of());
        try {
            return JSON.writeValueAsString(Map.of("error", error));
        } catch (java.io.IOException io) {
            throw new java.io.UncheckedIOException(io);
        }
    }

    /** The exit code's name, as the README's table says it. */
    static String code(int exitCode) {
        return switch (exitCode) {
            case ExitCodes.FAILED -> "failed";
            case ExitCodes.USAGE -> "usage";
            case ExitCodes.LOCK_TIMEOUT -> "lock-timeout";
            case ExitCodes.VALIDATION -> "validation";
            case ExitCodes.SAFETY_GATE -> "safety-gate";
            case ExitCodes.INTEGRITY -> "integrity";
            case ExitCodes.BACKUP -> "backup";
            case ExitCodes.NOT_READY -> "not-ready";
            case ExitCodes.HOOK_FAILED -> "hook-failed";
            default -> "internal";
        };
    }
}
