package dev.godwit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.lint.LintInput;
import dev.godwit.sql.SqlScript;
import dev.godwit.sql.SqlStatement;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lint benchmark's corpus is real SQL: it runs, file by file in order, on an empty PostgreSQL. */
class LintCorpusTest {

    @TempDir
    Path dir;

    @Test
    void isDeterministicAndCountsItsStatementsAsGodwitSplitsThem() throws Exception {
        LintCorpus.Result a = LintCorpus.write(dir.resolve("a"), 3_000, 7);
        LintCorpus.Result b = LintCorpus.write(dir.resolve("b"), 3_000, 7);

        assertThat(a.statements()).isGreaterThanOrEqualTo(3_000).isEqualTo(b.statements());
        assertThat(a.files()).isEqualTo(b.files()).isBetween(3_000 / 80, 3_000 / 20 + 1);
        int parsed = 0;
        for (Path f : files(a.dir())) {
            String text = Files.readString(f);
            assertThat(text).isEqualTo(Files.readString(b.dir().resolve(f.getFileName())));
            parsed += SqlScript.parse(text).statements().size();
        }
        assertThat(parsed).isEqualTo(a.statements());
    }

    @Test
    void runsOnPostgresqlInOrderAsGodwitWouldRunIt() throws Exception {
        LintCorpus.Result corpus = LintCorpus.write(dir, Integer.getInteger("lintCorpus.statements", 4_000),
                LintBench.SEED);
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
                Connection c = pg.getPostgresDatabase().getConnection()) {
            for (Path f : files(corpus.dir())) {
                LintInput in = LintInput.of(f.getFileName().toString(), SqlScript.parse(Files.readString(f)));
                c.setAutoCommit(!in.transactional());
                try (Statement s = c.createStatement()) {
                    for (SqlStatement st : in.script().statements()) {
                        run(s, in.file(), st);
                    }
                }
                if (in.transactional()) {
                    c.commit();
                }
            }
        }
    }

    private static void run(Statement s, String file, SqlStatement st) {
        try {
            s.execute(st.text());
        } catch (SQLException e) {
            throw new AssertionError(file + ":" + st.line() + ": " + e.getMessage() + "\n" + st.text(), e);
        }
    }

    /** In version order, as {@code migrate} applies them. */
    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted((x, y) -> Integer.compare(version(x), version(y))).toList();
        }
    }

    private static int version(Path f) {
        String n = f.getFileName().toString();
        return Integer.parseInt(n.substring(1, n.indexOf("__")));
    }
}
