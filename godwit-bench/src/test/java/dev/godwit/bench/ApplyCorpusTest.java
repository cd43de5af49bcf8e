package dev.godwit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.sql.SqlScript;
import dev.godwit.sql.SqlStatement;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The apply benchmark's migrations are real SQL, in Flyway's names, and apply in order on PostgreSQL. */
class ApplyCorpusTest {

    @TempDir
    Path dir;

    @Test
    void appliesInVersionOrderOnAnEmptyDatabase() throws Exception {
        int statements = ApplyCorpus.write(dir, 40);
        List<Path> files = files();
        assertThat(files).hasSize(40);
        assertThat(files.get(0).getFileName().toString()).isEqualTo("V1__create_t1.sql");
        int ran = 0;
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
             Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            for (Path f : files) {
                for (SqlStatement st : SqlScript.parse(Files.readString(f)).statements()) {
                    s.execute(st.text());
                    ran++;
                }
            }
            try (ResultSet rs = s.executeQuery("select count(*) from pg_indexes where schemaname = 'public'")) {
                rs.next();
                assertThat(rs.getInt(1)).isGreaterThan(20);
            }
        }
        assertThat(ran).isEqualTo(statements);
        assertThat(LiveBench.migrations(dir.resolve("live"))).isDirectory();
    }

    private List<Path> files() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).sorted(Comparator.comparingInt(
                    p -> Integer.parseInt(p.getFileName().toString().replaceAll("^V(\\d+)__.*", "$1")))).toList();
        }
    }
}
