package dev.godwit.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.godwit.testing.PostgresExtension;
import dev.godwit.testing.TestDatabase;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The splitter must cut files exactly where psql does. Every file of {@code sql/psql-corpus} is run through the real
 * psql (15 or later, as CI's postgresql-client) against a fresh test database, and the statements psql sends the
 * server are compared, text and count, with what {@link StatementSplitter} makes of the same file.
 *
 * <p>How psql's split is captured: psql connects through {@link QueryCapture}, a proxy in this test that reads the
 * frontend protocol and records the text of every Query message, byte for byte, with unambiguous boundaries.
 * The alternatives lose information: {@code --echo-queries} prints statements one after the other on stdout, where a
 * statement holding a newline cannot be told from two; the server log prints multi-line statements without
 * delimiters, is shared by every test of the JVM, and is not ours to reconfigure on a {@code GODWIT_TEST_PG_URL}
 * server; pg_stat_statements replaces constants.
 *
 * <p>psql does not send a file's text unchanged, so {@link #psqlWouldSend} turns our split into what psql would send
 * if the split is right, and only in the ways psql itself changes the text (measured with psql 15):
 * <ol>
 *   <li>whitespace and {@code --} comments before a statement's first token are not sent; a leading
 *       {@code /* *&#47;} comment is;</li>
 *   <li>the terminating {@code ;} is sent, with any whitespace and comments between the statement and it;</li>
 *   <li>a {@code ;} with nothing but whitespace or comments before it is sent as a statement of its own (the server
 *       treats it as empty; the splitter reports no statement for it);</li>
 *   <li>psql reads the file line by line (lines end at {@code \n}) and drops empty lines that are not inside a
 *       literal or comment; a file's final line break is not sent.</li>
 * </ol>
 * psql also substitutes {@code :name} variables, so the corpus uses none that psql defines.
 */
@ExtendWith(PostgresExtension.class)
class SplitterAgreesWithPsqlTest {

    private static final String CORPUS = "sql/psql-corpus";
    private static final Map<String, Integer> STATEMENTS_SENT = new ConcurrentHashMap<>();
    private static final Map<String, Integer> SERVER_ERRORS = new ConcurrentHashMap<>();

    /** Values for the placeholder files: only the splitter sees {@code ${...}}; psql gets the replaced text. */
    private static final Map<String, String> PLACEHOLDERS = Map.of(
            "schema", "ledger", "owner", "CURRENT_USER", "flyway:defaultSchema", "public",
            "fee_text", "'fee; flat'", "batch_size", "500");

    static Stream<String> corpus() throws IOException {
        return sqlFiles(corpusFolder());
    }

    static Stream<String> placeholderCorpus() throws IOException {
        return sqlFiles(corpusFolder().resolve("placeholders"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void psqlSendsExactlyTheStatementsWeSplit(String name, TestDatabase db) throws Exception {
        Path file = corpusFolder().resolve(name);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertSameSplit(name, file, text, db);
    }

    /**
     * Placeholders are Godwit's, not psql's: the file is split as Godwit reads it (placeholders replaced first),
     * compared with psql on the replaced text, and the raw text must split at the same places.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("placeholderCorpus")
    void placeholderFilesSplitTheSameBeforeAndAfterReplacement(String name, TestDatabase db, @TempDir Path tmp)
            throws Exception {
        String raw = Files.readString(corpusFolder().resolve("placeholders").resolve(name), StandardCharsets.UTF_8);
        assertThat(raw).as("a placeholder file uses placeholders").contains("${");
        String replaced = Placeholders.replace(raw, PLACEHOLDERS);
        Path file = Files.writeString(tmp.resolve(name), replaced, StandardCharsets.UTF_8);
        assertSameSplit("placeholders/" + name, file, replaced, db);

        List<String> rawThenReplaced = new ArrayList<>();
        for (SqlStatement s : StatementSplitter.split(raw)) {
            assertThat(s.tokens()).extracting(Token::type).doesNotContain(TokenType.PSQL_META);
            rawThenReplaced.add(Placeholders.replace(s.text(), PLACEHOLDERS));
        }
        assertThat(rawThenReplaced).containsExactlyElementsOf(texts(StatementSplitter.split(replaced)));
    }

    /** The corpus is only worth something if psql runs most of it: statements that fail prove less. */
    @AfterAll
    static void mostOfTheCorpusRuns() {
        int sent = STATEMENTS_SENT.values().stream().mapToInt(Integer::intValue).sum();
        int failed = SERVER_ERRORS.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(failed).as("statements the server rejected, per file: %s", SERVER_ERRORS)
                .isLessThanOrEqualTo(sent / 10);
    }

    private static void assertSameSplit(String name, Path file, String text, TestDatabase db) throws Exception {
        List<Sent> expected = psqlWouldSend(text);
        PsqlRun run = runPsql(file, db);
        STATEMENTS_SENT.put(name, run.queries().size());
        SERVER_ERRORS.put(name, run.errors());
        List<String> ours = expected.stream().map(Sent::text).toList();
        if (!ours.equals(run.queries())) {
            fail(difference(name, expected, run));
        }
    }

    /** One statement psql would send: its text, and the line of the file where it starts. */
    record Sent(String text, int line) {}

    /**
     * What psql sends for {@code text} if our split is right: one entry per top-level {@code ;} (the terminators
     * that lie outside every statement we found) and one for text after the last of them, normalised as the class
     * comment says.
     */
    static List<Sent> psqlWouldSend(String text) throws SqlSyntaxException {
        List<Token> tokens = Lexer.tokenize(text);
        List<SqlStatement> statements = StatementSplitter.split(text);
        List<Sent> sent = new ArrayList<>();
        int segmentStart = 0;
        for (Token t : tokens) {
            if (t.type() == TokenType.PUNCTUATION && t.text().equals(";") && !insideAny(statements, t.offset())) {
                addSegment(sent, text, tokens, segmentStart, t.endOffset());
                segmentStart = t.endOffset();
            }
        }
        addSegment(sent, text, tokens, segmentStart, text.length());
        return sent;
    }

    private static boolean insideAny(List<SqlStatement> statements, int offset) {
        return statements.stream().anyMatch(s -> s.startOffset() <= offset && offset < s.endOffset());
    }

    private static void addSegment(List<Sent> sent, String text, List<Token> tokens, int start, int end) {
        Token first = tokens.stream()
                .filter(t -> t.offset() >= start && t.offset() < end)
                .filter(t -> t.type() != TokenType.WHITESPACE && t.type() != TokenType.LINE_COMMENT)
                .findFirst().orElse(null);
        if (first == null) {
            return; // only whitespace and -- comments: psql sends nothing
        }
        StringBuilder out = new StringBuilder();
        int lineStart = first.offset();
        while (lineStart <= end) {
            int newline = text.indexOf('\n', lineStart);
            int lineEnd = newline < 0 || newline > end ? end : newline;
            boolean fileEndsHere = lineStart == end && end == text.length();
            boolean droppedEmptyLine = lineStart == lineEnd && !insideToken(tokens, lineStart);
            if (!fileEndsHere && !droppedEmptyLine) {
                if (!out.isEmpty()) {
                    out.append('\n');
                }
                out.append(text, lineStart, lineEnd);
            }
            if (lineEnd == end) {
                break;
            }
            lineStart = lineEnd + 1;
        }
        sent.add(new Sent(out.toString(), first.line()));
    }

    /** True when {@code offset} lies within a literal or comment that started before it. */
    private static boolean insideToken(List<Token> tokens, int offset) {
        return tokens.stream().anyMatch(t -> t.type() != TokenType.WHITESPACE
                && t.offset() < offset && offset < t.endOffset());
    }

    private static String difference(String name, List<Sent> expected, PsqlRun run) {
        List<String> psql = run.queries();
        int i = 0;
        while (i < expected.size() && i < psql.size() && expected.get(i).text().equals(psql.get(i))) {
            i++;
        }
        String where = i < expected.size() ? name + ":" + expected.get(i).line() : name + " (end of file)";
        return String.format("psql sent %d statements for %s, our split gives %d; first difference, statement #%d"
                        + " at %s:%n  psql: %s%n  ours: %s%npsql's stderr:%n%s",
                psql.size(), name, expected.size(), i + 1, where,
                i < psql.size() ? visible(psql.get(i)) : "(nothing)",
                i < expected.size() ? visible(expected.get(i).text()) : "(nothing)", run.stderr());
    }

    private static String visible(String s) {
        return "«" + s.replace("\r", "\\r").replace("\n", "\\n\n        ").replace("\t", "\\t") + "»";
    }

    private static List<String> texts(List<SqlStatement> statements) {
        return statements.stream().map(SqlStatement::text).toList();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Running psql

    record PsqlRun(List<String> queries, int errors, String stderr) {}

    private static final Pattern SERVER_ERROR = Pattern.compile("^psql:[^\\n]*: ERROR: ", Pattern.MULTILINE);

    private static PsqlRun runPsql(Path file, TestDatabase db) throws Exception {
        String psql = psqlExecutable();
        Path stderr = Files.createTempFile("psql-corpus", ".stderr");
        try (QueryCapture capture = new QueryCapture(db.host(), db.port())) {
            ProcessBuilder pb = new ProcessBuilder(psql, "-X", "-q", "-v", "ON_ERROR_STOP=0", "-f", file.toString());
            Map<String, String> env = pb.environment();
            env.keySet().removeIf(k -> k.startsWith("PG") || k.equals("PSQLRC"));
            env.put("PGHOST", "127.0.0.1");
            env.put("PGPORT", String.valueOf(capture.port()));
            env.put("PGUSER", db.user());
            env.put("PGDATABASE", db.name());
            if (db.password() != null && !db.password().isEmpty()) {
                env.put("PGPASSWORD", db.password());
            }
            // The proxy reads plain protocol: no TLS, no GSS encryption. Query text is UTF-8 like the files.
            env.put("PGSSLMODE", "disable");
            env.put("PGGSSENCMODE", "disable");
            env.put("PGCLIENTENCODING", "UTF8");
            env.put("PGAPPNAME", "godwit-psql-corpus");
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.redirectError(stderr.toFile());
            Process p = pb.start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("psql did not finish " + file + " within 60 s");
            }
            String errors = Files.readString(stderr, StandardCharsets.UTF_8);
            assertThat(errors).as("psql could not connect").doesNotContain("connection to server");
            List<String> queries = capture.queries();
            Matcher m = SERVER_ERROR.matcher(errors);
            int count = 0;
            while (m.find()) {
                count++;
            }
            return new PsqlRun(queries, count, errors);
        } finally {
            Files.deleteIfExists(stderr);
        }
    }

    /** psql from postgresql-client, 15 or later (older versions drop -- comments inside statements). */
    private static String psqlExecutable() throws IOException, InterruptedException {
        String psql = Files.isExecutable(Path.of("/usr/bin/psql")) ? "/usr/bin/psql" : "psql";
        String version;
        try {
            Process p = new ProcessBuilder(psql, "--version").redirectErrorStream(true).start();
            version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor();
        } catch (IOException e) {
            throw new AssertionError("psql is not installed: this test compares the splitter with psql itself."
                    + " Install it (Debian/Ubuntu: apt-get install postgresql-client; CI does this).", e);
        }
        Matcher m = Pattern.compile("\\(PostgreSQL\\) (\\d+)").matcher(version);
        if (!m.find() || Integer.parseInt(m.group(1)) < 15) {
            fail("psql 15 or later is needed (older psql drops -- comments inside statements); found: " + version);
        }
        return psql;
    }

    private static Path corpusFolder() throws IOException {
        try {
            var url = SplitterAgreesWithPsqlTest.class.getClassLoader().getResource(CORPUS);
            assertThat(url).as(CORPUS + " on the test classpath").isNotNull();
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }

    private static Stream<String> sqlFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".sql")).sorted().toList()
                    .stream();
        }
    }

    /**
     * A one-connection proxy between psql and the server that records the text of every simple-protocol Query
     * message psql sends. Everything is forwarded unchanged in both directions.
     */
    static final class QueryCapture implements AutoCloseable {

        private final ServerSocket listener;
        private final String serverHost;
        private final int serverPort;
        private final List<String> queries = Collections.synchronizedList(new ArrayList<>());
        private final Thread thread;
        private volatile IOException failure;

        QueryCapture(String serverHost, int serverPort) throws IOException {
            this.serverHost = serverHost;
            this.serverPort = serverPort;
            this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            this.thread = new Thread(this::serve, "psql-query-capture");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        /** The queries, once psql has exited (its connection closed). */
        List<String> queries() throws InterruptedException, IOException {
            thread.join(TimeUnit.SECONDS.toMillis(10));
            if (failure != null) {
                throw failure;
            }
            return List.copyOf(queries);
        }

        private void serve() {
            try (Socket client = listener.accept(); Socket server = new Socket(serverHost, serverPort)) {
                Thread back = new Thread(() -> copy(server, client), "psql-capture-replies");
                back.setDaemon(true);
                back.start();
                DataInputStream in = new DataInputStream(new BufferedInputStream(client.getInputStream()));
                DataOutputStream out = new DataOutputStream(server.getOutputStream());
                int length = in.readInt(); // the startup message has no type byte
                out.writeInt(length);
                out.write(in.readNBytes(length - 4));
                out.flush();
                while (true) {
                    int type = in.read();
                    if (type < 0) {
                        break;
                    }
                    length = in.readInt();
                    byte[] body = in.readNBytes(length - 4);
                    if (body.length != length - 4) {
                        throw new EOFException("psql's connection closed inside a message");
                    }
                    if (type == 'Q') {
                        queries.add(new String(body, 0, body.length - 1, StandardCharsets.UTF_8));
                    }
                    out.write(type);
                    out.writeInt(length);
                    out.write(body);
                    out.flush();
                }
                server.shutdownOutput();
                back.join(TimeUnit.SECONDS.toMillis(10));
            } catch (IOException e) {
                failure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Forwards until {@code from} closes; the sockets themselves are closed by {@link #serve}. */
        private static void copy(Socket from, Socket to) {
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                in.transferTo(out);
                to.shutdownOutput();
            } catch (IOException e) {
                // psql or the server closed the connection: nothing left to forward
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }
}
