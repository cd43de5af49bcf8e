package dev.godwit.cli.torture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.cli.GodwitProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus: one folder per case under {@code src/test/resources/torture/bad-input/}, each with a
 * {@code case.properties} that declares the command, the exit code and a fragment of the message it must print,
 * next to the input itself ({@code migrations/}, {@code godwit.toml}, {@code setup.sql}). Every case also
 * asserts that the database (schema, data, history) and the project's files are exactly as before the command.
 *
 * <p>Keys of {@code case.properties}: {@code command} (default {@code migrate}), {@code exit}, {@code message}
 * (one or more fragments separated by {@code |}), {@code absent} (fragments that must not appear),
 * {@code url} ({@code default}, {@code wrong-password}, {@code unreachable}, {@code missing-db}, {@code reader},
 * {@code none}, or a literal URL), {@code before} (commands run first, separated by {@code ;}, with
 * {@code before/} as the migrations; {@code migrations/} replaces them afterwards), {@code corrupt} (a glob under
 * the project whose files get one byte flipped before the command), {@code generate} ({@code 50mb}),
 * {@code keys} ({@code none}: run without the suite's backup and audit keys) and {@code env.NAME} (environment of
 * the command). {@code ${BACKUP}} in the command is the newest backup's id.
 */
@Execution(ExecutionMode.CONCURRENT) // two cases at a time (failsafe's junit.jupiter.execution.parallel settings)
class BadInputCorpusIT extends TortureBase {

    static final String WRONG_PASSWORD = "Wrong-pw-never-shown-4Hq";

    static Stream<String> cases() throws IOException {
        try (Stream<Path> list = Files.list(corpus())) {
            List<String> names = list.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
            assertThat(names).as("the corpus holds at least 60 cases").hasSizeGreaterThanOrEqualTo(60);
            String only = System.getProperty("torture.cases"); // a regex, to rerun some cases while working on them
            return names.stream().filter(n -> only == null || n.matches(only));
        }
    }

    static Path corpus() {
        try {
            return Path.of(BadInputCorpusIT.class.getResource("/torture/bad-input").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedWithItsMessageAndExitCodeAndChangesNothing(String name) throws Exception {
        Path folder = corpus().resolve(name);
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(folder.resolve("case.properties"))) {
            p.load(in);
        }
        arrange(folder, p);
        String dbBefore = State.everything(db);
        String filesBefore = projectFiles();

        GodwitProcess.Result r = record(commandProcess(p).run(command(p)));
        TortureSummary.count("bad inputs tried");

        String context = name + ": " + p.getProperty("command", "migrate") + "\n" + r;
        assertThat(r.exitCode()).as(context).isEqualTo(Integer.parseInt(p.getProperty("exit").trim()));
        for (String fragment : fragments(p, "message")) {
            assertThat(r.all()).as(context).contains(fragment);
        }
        for (String fragment : fragments(p, "absent")) {
            assertThat(r.all()).as(context).doesNotContain(fragment);
        }
        assertThat(r.all()).as(context).doesNotContain(WRONG_PASSWORD).doesNotContain("Exception");
        assertThat(State.everything(db)).as("the database is unchanged: " + context).isEqualTo(dbBefore);
        assertThat(projectFiles()).as("the files are unchanged: " + context).isEqualTo(filesBefore);
    }

    private void arrange(Path folder, Properties p) throws IOException {
        copyTree(folder.resolve("before"), migrations());
        for (String before : fragments(p, "before")) {
            GodwitProcess.Result r = run(before.trim().split("\\s+"));
            assertThat(r.exitCode()).as("arranging: godwit " + before + "\n" + r).isZero();
        }
        if (Files.isDirectory(folder.resolve("migrations"))) {
            try (Stream<Path> old = Files.list(migrations())) {
                for (Path f : old.toList()) {
                    Files.delete(f);
                }
            }
            copyTree(folder.resolve("migrations"), migrations());
        }
        if (Files.exists(folder.resolve("godwit.toml"))) {
            config(Files.readString(folder.resolve("godwit.toml")).replace("${URL}", url()));
        }
        if (Files.exists(folder.resolve("setup.sql"))) {
            db.execute(Files.readString(folder.resolve("setup.sql")));
        }
        if ("50mb".equals(p.getProperty("generate"))) {
            generateFiftyMegabytes(migrations().resolve("V2__fifty_megabytes.sql"));
        }
        if (p.getProperty("corrupt") != null) {
            corrupt(p.getProperty("corrupt").trim());
        }
    }

    /** 50 MB of valid SQL (one long VALUES list per line) whose last line opens a quote it never closes. */
    private static void generateFiftyMegabytes(Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("create table big (id int, note text);\n");
            String line = "insert into big values (1, 'abcdefghijklmnopqrstuvwxyz0123456789 -- not a comment ;');\n";
            for (long written = 0; written < 50L * 1024 * 1024; written += line.length()) {
                w.write(line);
            }
            w.write("insert into big values (2, 'never closed);\n");
        }
    }

    private void corrupt(String glob) throws IOException {
        var matcher = dir.getFileSystem().getPathMatcher("glob:" + glob);
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> files = walk.filter(Files::isRegularFile).filter(f -> matcher.matches(dir.relativize(f))).toList();
            assertThat(files).as("files to corrupt: " + glob).isNotEmpty();
            for (Path f : files) {
                byte[] bytes = Files.readAllBytes(f);
                bytes[bytes.length / 2] ^= 0x5a;
                Files.write(f, bytes);
            }
        }
    }

    private GodwitProcess commandProcess(Properties p) {
        GodwitProcess g = "none".equals(p.getProperty("keys", "").trim()) ? new GodwitProcess(dir) : process(dir);
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("env.")) {
                g.env(key.substring(4), p.getProperty(key).trim());
            }
        }
        return g;
    }

    private String[] command(Properties p) throws IOException {
        String command = p.getProperty("command", "migrate").trim().replace("${BACKUP}", newestBackup());
        List<String> args = new ArrayList<>(Arrays.asList(command.split("\\s+")));
        String url = switch (p.getProperty("url", "default").trim()) {
            case "default" -> url();
            case "none" -> null;
            case "wrong-password" -> url().replace(Secrets.PASSWORD, WRONG_PASSWORD);
            case "missing-db" -> url().replace("/" + db.name(), "/no_such_database");
            case "reader" -> url().replace(TortureServer.ROLE + ":", TortureServer.READER + ":");
            case "unreachable" -> url().replace(":" + db.port() + "/", ":" + closedPort() + "/");
            default -> p.getProperty("url").trim();
        };
        if (url != null) {
            args.add("--url");
            args.add(url);
        }
        return args.toArray(String[]::new);
    }

    /** The id of the newest backup in the project's backups folder, for commands that name one. */
    private String newestBackup() throws IOException {
        Path backups = dir.resolve("backups");
        if (!Files.isDirectory(backups)) {
            return "(no backup)";
        }
        try (Stream<Path> list = Files.list(backups)) {
            return list.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".json"))
                    .map(f -> f.substring(0, f.length() - ".json".length())).sorted().reduce((a, b) -> b)
                    .orElse("(no backup)");
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The project's files but the reports (a refused run leaves one, on purpose). */
    private String projectFiles() {
        return State.files(dir).lines().filter(l -> !l.startsWith("reports/")).reduce("", (a, b) -> a + b + "\n");
    }

    /** A key's values: fragments separated by {@code |}, or for {@code before} commands separated by {@code ;}. */
    private static List<String> fragments(Properties p, String key) {
        String v = p.getProperty(key);
        return v == null || v.isBlank() ? List.of() : Arrays.stream(v.split(key.equals("before") ? ";" : "\\|"))
                .map(String::trim)
                .filter(s -> !s.isEmpty()).toList();
    }

    private static void copyTree(Path from, Path to) {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                Files.createDirectories(target.getParent());
                Files.copy(f, target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
