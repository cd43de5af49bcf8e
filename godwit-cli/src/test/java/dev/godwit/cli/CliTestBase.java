package dev.godwit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.godwit.testing.PostgresExtension;
import dev.godwit.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A project folder, a fresh database and the real CLI jar: what every whole-process test starts from. */
@ExtendWith(PostgresExtension.class)
abstract class CliTestBase {

    @TempDir
    Path dir;

    TestDatabase db;
    GodwitProcess godwit;

    @BeforeEach
    void setUpProject(TestDatabase db) throws IOException {
        this.db = db;
        Files.createDirectories(dir.resolve("db/migrations"));
        godwit = new GodwitProcess(dir);
    }

    String url() {
        return db.postgresUrl();
    }

    void write(String name, String sql) {
        try {
            Files.writeString(dir.resolve("db/migrations").resolve(name), sql);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void config(String toml) {
        try {
            Files.writeString(dir.resolve("godwit.toml"), toml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** godwit with --url pointing at the test database, from the project folder. */
    GodwitProcess.Result run(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--url";
        all[args.length + 1] = url();
        return godwit.run(all);
    }

    static JsonNode json(GodwitProcess.Result r) {
        try {
            return new ObjectMapper().readTree(r.stdout());
        } catch (IOException e) {
            throw new AssertionError("stdout is not JSON:\n" + r, e);
        }
    }
}
