package dev.godwit.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.testing.PostgresExtension;
import dev.godwit.testing.TestDatabase;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host whose context class loader does not see the JDK's service providers (Maven's plugin realms): migrate
 * must not depend on {@code ServiceLoader} finding them ({@code RandomGenerator.getDefault()} failed there with
 * "No implementation of the random number generator algorithm").
 */
@ExtendWith(PostgresExtension.class)
class IsolatedClassLoaderTest {

    @TempDir
    Path tmp;

    @Test
    void migrateRunsUnderAContextClassLoaderWithoutTheJdksProviders(TestDatabase db) throws Exception {
        Files.writeString(tmp.resolve("V1__accounts.sql"), "create table accounts (id bigint primary key);\n");
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader isolated = new URLClassLoader(new URL[0], null)) {
            Thread.currentThread().setContextClassLoader(isolated);
            RunResult r = Godwit.configure().url(db.postgresUrl()).locations(tmp.toString())
                    .environmentVariables(Map.of()).workingDirectory(tmp)
                    .set("report.dir", tmp.resolve("reports").toString()).load().migrate();

            assertThat(r.succeeded()).as(r.describe()).isTrue();
        } finally {
            Thread.currentThread().setContextClassLoader(before);
        }
    }
}
