package dev.godwit.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.godwit.db.Secrets;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Collection;
import java.util.List;

/**
 * Where a command writes. Text goes to stdout; with {@code --json} the JSON document alone goes to stdout
 * and progress goes to stderr. Everything passes through the secret filter: a password or key that reaches
 * a message by accident is printed as ***.
 */
public final class Output {

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;
    private final boolean color;
    private final java.util.Set<String> secrets = new java.util.LinkedHashSet<>();
    private final ObjectMapper mapper = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT);

    public Output(PrintWriter out, PrintWriter err, boolean json, boolean color) {
        this.out = out;
        this.err = err;
        this.json = json;
        this.color = color;
    }

    public void addSecrets(Collection<String> more) {
        more.stream().filter(s -> s != null && !s.isEmpty()).forEach(secrets::add);
    }

    public boolean json() {
        return json;
    }

    public String safe(String text) {
        return Secrets.redact(Secrets.redactUrl(text), secrets);
    }

    /** A line of the command's own output (text mode), or of progress (to stderr in JSON mode). */
    public void line(String text) {
        (json ? err : out).println(safe(text));
    }

    /**
     * The command's JSON result: the only thing on stdout in JSON mode. Written as it is serialised, line by line
     * through the secret filter (JSON strings escape line breaks, so no secret spans two lines): a lint report of
     * 50 MB is never held as one string.
     */
    public void result(Object document) {
        SafeLines lines = new SafeLines();
        try {
            mapper.writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(lines, document);
        } catch (IOException e) {
            throw new IllegalStateException("could not write JSON: " + e.getMessage(), e);
        }
        lines.flush();
        out.println();
    }

    /** Passes each complete line to stdout through {@link #safe}. */
    private final class SafeLines extends Writer {
        private final StringBuilder line = new StringBuilder();

        @Override
        public void write(char[] chars, int offset, int length) {
            int start = offset;
            int end = offset + length;
            for (int i = offset; i < end; i++) {
                if (chars[i] == '\n') {
                    line.append(chars, start, i - start);
                    if (!line.isEmpty() && line.charAt(line.length() - 1) == '\r') {
                        line.setLength(line.length() - 1); // println ends the line as this platform does
                    }
                    out.println(safe(line.toString()));
                    line.setLength(0);
                    start = i + 1;
                }
            }
            line.append(chars, start, end - start);
        }

        @Override
        public void flush() {
            if (!line.isEmpty()) {
                out.print(safe(line.toString()));
                line.setLength(0);
            }
        }

        @Override
        public void close() {
            flush();
        }
    }

    public void error(String text) {
        err.println(safe(paint("godwit: error: ", "31") + text));
        err.flush();
    }

    public void warn(String text) {
        err.println(safe(paint("godwit: warning: ", "33") + text));
    }

    public String bold(String s) {
        return paint(s, "1");
    }

    public String green(String s) {
        return paint(s, "32");
    }

    public String red(String s) {
        return paint(s, "31");
    }

    public String yellow(String s) {
        return paint(s, "33");
    }

    private String paint(String s, String code) {
        return color ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }
}
