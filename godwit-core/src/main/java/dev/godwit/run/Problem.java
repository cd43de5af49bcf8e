package dev.godwit.run;

import dev.godwit.migration.ScanProblem;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One thing that stops a command, as the text output, the JSON and the Java API all show it.
 *
 * @param code    what kind of problem: {@code files} (a migration file), {@code history} (the history table),
 *                {@code sql} (a statement), {@code settings}, {@code refused}
 * @param file    the migration file or location it is about, when there is one
 * @param line    the line in that file, when known
 * @param message what is wrong, in a sentence
 * @param hint    what to do about it, when the message does not already say it
 */
public record Problem(String code, Optional<String> file, Optional<Integer> line, String message,
                     Optional<String> hint) {

    /** {@code V1__x.sql:12:5: message} or {@code path/V1__x.sql: message}: how the planner words file problems. */
    private static final Pattern AT = Pattern.compile("^([^\\s:]+\\.sql)(?::(\\d+)(?::\\d+)?)?: (.*)$", Pattern.DOTALL);

    public static Problem of(ScanProblem p) {
        return new Problem("files", Optional.of(p.path().toString()), p.line(), p.message(), Optional.empty());
    }

    /** A problem the planner words as text: its file and line are read back from the words. */
    public static Problem of(String text) {
        Matcher m = AT.matcher(text);
        if (m.matches()) {
            return new Problem("files", Optional.of(m.group(1)),
                    Optional.ofNullable(m.group(2)).map(Integer::valueOf), m.group(3), Optional.empty());
        }
        String code = text.startsWith("version ") || text.contains("history") ? "history" : "files";
        return new Problem(code, Optional.empty(), Optional.empty(), text, Optional.empty());
    }

    /** {@code file:line: message}, as the text output prints it. */
    @Override
    public String toString() {
        return file.map(f -> f + line.map(l -> ":" + l).orElse("") + ": ").orElse("") + message
                + hint.map(h -> " (" + h + ")").orElse("");
    }
}
