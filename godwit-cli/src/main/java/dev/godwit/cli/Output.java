package dev.godwit.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.godwit.db.Secrets;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    public synchronized void line(String text) {
        clearStatus();
        (json ? err : out).println(safe(text));
    }

    private boolean statusShown;

    /** A status line redrawn in place on a terminal; the next line of output replaces it. */
    public synchronized void status(String text) {
        PrintWriter w = json ? err : out;
        w.print("\r\033[K" + safe(text));
        w.flush();
        statusShown = true;
    }

    private void clearStatus() {
        if (statusShown) {
            (json ? err : out).print("\r\033[K");
            statusShown = false;
        }
    }

    /**
     * The command's JSON result: the only thing on stdout in JSON mode. Serialised straight to stdout, each string
     * through the secret filter as it is written (a lint report of 50 MB is never held as one string).
     */
    public void result(Object document) {
        write(document, false);
    }

    /** {@link #result}, with each item of the document's lists on one line (a large lint report). */
    public void resultItemPerLine(Object document) {
        write(document, true);
    }

    private void write(Object document, boolean itemPerLine) {
        try (JsonGenerator g = new SafeStrings(mapper.getFactory().createGenerator(out))) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            if (itemPerLine) {
                g.setPrettyPrinter(new ItemPerLine());
            }
            mapper.writeValue(g, document);
        } catch (IOException e) {
            throw new IllegalStateException("could not write JSON: " + e.getMessage(), e);
        }
        out.println();
    }

    /** Every string and field name, whatever wrote it (a path's or an enum's toString too), passes {@link #safe}. */
    private final class SafeStrings extends JsonGeneratorDelegate {
        SafeStrings(JsonGenerator g) {
            super(g, false);
        }

        @Override
        public void writeString(String text) throws IOException {
            delegate.writeString(safe(text));
        }

        @Override
        public void writeString(char[] text, int offset, int len) throws IOException {
            writeString(new String(text, offset, len));
        }

        @Override
        public void writeString(SerializableString text) throws IOException {
            writeString(text.getValue());
        }

        /** Field names repeat (14 per finding, tens of thousands of findings): each is made safe once. */
        private final Map<String, String> safeNames = new HashMap<>();

        @Override
        public void writeFieldName(String name) throws IOException {
            delegate.writeFieldName(safeNames.size() < 1024 ? safeNames.computeIfAbsent(name, Output.this::safe)
                    : safe(name));
        }

        @Override
        public void writeFieldName(SerializableString name) throws IOException {
            writeFieldName(name.getValue());
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
