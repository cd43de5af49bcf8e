package dev.godwit.cli.torture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.cli.GodwitProcess;
import dev.godwit.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project folder, a fresh database on the {@link TortureServer} and the real CLI jar, run with a known password,
 * backup key and audit key. After every test, each secret is searched for in everything the suite's commands
 * said and left behind: stdout, stderr, the project folder's files (reports, backups and their manifests,
 * exports) and Godwit's tables (history, lock, audit log).
 */
@ExtendWith(TortureSummary.class)
abstract class TortureBase {

    @TempDir
    Path dir;

    TestDatabase db;
    GodwitProcess godwit;
    final List<GodwitProcess.Result> said = Collections.synchronizedList(new ArrayList<>());
    private final List<TestDatabase> databases = new ArrayList<>();

    @BeforeEach
    void setUpTorture() throws IOException {
        db = newDatabase();
        Files.createDirectories(migrations());
        godwit = process(dir);
    }

    TestDatabase newDatabase() {
        TestDatabase d = TortureServer.get().newDatabase();
        databases.add(d);
        return d;
    }

    /** Done with a database before the test ends: checked for secrets now, then dropped. */
    void dropDatabase(TestDatabase d) {
        assertNoSecretIn(d);
        databases.remove(d);
        TortureServer.get().drop(d);
    }

    /** The CLI, started in {@code workingDir}, with the suite's backup and audit keys in its environment. */
    static GodwitProcess process(Path workingDir) {
        return new GodwitProcess(workingDir).env("GODWIT_BACKUP_KEY", Secrets.BACKUP_KEY)
                .env("GODWIT_AUDIT_KEY", Secrets.AUDIT_KEY);
    }

    Path migrations() {
        return dir.resolve("db/migrations");
    }

    /** The URL a user passes, password included. */
    String url() {
        return db.postgresUrl();
    }

    void config(String toml) {
        try {
            Files.writeString(dir.resolve("godwit.toml"), toml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** godwit ARGS --url URL, from the project folder. */
    GodwitProcess.Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--url");
        all.add(url());
        return record(godwit.run(all.toArray(String[]::new)));
    }

    GodwitProcess.Result record(GodwitProcess.Result r) {
        said.add(r);
        TortureSummary.count("commands run");
        return r;
    }

    @AfterEach
    void noSecretLeaked() {
        try {
            for (GodwitProcess.Result r : said) {
                assertThat(Secrets.leakedIn(r.all())).as("a secret in the output of a command:\n%s", r).isNull();
            }
            assertNoSecretIn(dir);
            for (TestDatabase d : databases) {
                if (TortureServer.get().isUp()) {
                    assertNoSecretIn(d);
                }
            }
            TortureSummary.add("secret scans", said.size());
        } finally {
            databases.forEach(TortureServer.get()::drop);
        }
    }

    /** Every file but the configuration (where a user may put a URL), read as bytes. */
    static void assertNoSecretIn(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                if (p.getFileName().toString().equals("godwit.toml") || Files.size(p) > 20_000_000) {
                    continue;
                }
                String text = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
                assertThat(Secrets.leakedIn(text)).as("a secret in %s", p).isNull();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Godwit's own tables, every row as text. */
    static void assertNoSecretIn(TestDatabase owner) {
        TestDatabase d = TortureServer.asSuperuser(owner);
        for (String table : List.of("history", "lock", "audit_log")) {
            if (d.tableExists("godwit." + table)) {
                Object rows = d.queryValue("select string_agg(t::text, E'\\n') from godwit." + table + " t");
                assertThat(Secrets.leakedIn(String.valueOf(rows))).as("a secret in godwit.%s", table).isNull();
            }
        }
    }
}
