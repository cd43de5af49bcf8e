package dev.godwit.config;

import dev.godwit.base.Durations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Fuzzes the configuration: {@code godwit.toml} files assembled from real and wrong sections, keys and values
 * (durations, URLs with passwords, numbers, arrays, inline tables, broken TOML), and database URLs and durations
 * alone. The only failure allowed is a {@link ConfigException} with a message for people; no password of a URL
 * is ever in it.
 */
class ConfigFuzzTest {

    private static final String PW = "fuzz-pw-Zq81";
    private static final Path DIR = tempDir();

    private static final List<String> SECTIONS = List.of("[database]", "[migrations]", "[safety]", "[lint]", "[audit]",
            "[report]", "[backup]", "[checks]", "[placeholders]", "[environments.production.migrations]",
            "[environments.staging.database]", "[migration]", "[[checks.invariant]]", "[database", "[]", "[a.b.c]",
            "[environments]", "[environments.x]");
    private static final List<String> KEYS = List.of("url", "schema", "locations", "lock_timeout", "statement_timeout",
            "max_attempts", "lock_wait", "out_of_order", "on_failure", "snapshot", "snapshot_row_limit", "max_risk",
            "disable", "money_patterns", "dir", "before_migrate", "key_file", "jobs", "money_scale", "nonnegative",
            "name", "sql", "expect", "require_ticket", "app_role", "lock_timout", "\"quoted key\"", "a.b", "url.x");
    private static final List<String> VALUES = List.of("\"2s\"", "\"500ms\"", "\"1m30s\"", "\"0\"", "\"-1s\"",
            "\"2 secs\"", "\"\"", "3", "0", "-1", "99999999999999999999", "1.5", "true", "false", "[]",
            "[\"db/migrations\"]", "[1, \"a\"]", "{ a = 1 }", "\"high\"", "\"scary\"", "\"rollback-run\"", "\"stop\"",
            "\"postgres://app:" + PW + "@db:5432/ledger\"", "\"jdbc:postgresql://db/ledger?password=" + PW + "\"",
            "\"mysql://root:" + PW + "@db/x\"", "\"postgres://app:" + PW + "@[::1]:notaport/x\"",
            "\"postgres://%zz:" + PW + "@h/d\"", "\"zero\"", "\"equals:5\"", "'literal'", "\"\"\"multi\nline\"\"\"",
            "\"unterminated", "= =", "1979-05-27T07:32:00Z", "\"\\u00e9\"", "\"${x}\"", "\"caf\u00e9\"");

    @Provide
    Arbitrary<String> tomls() {
        Arbitrary<String> pair = Combinators.combine(Arbitraries.of(KEYS), Arbitraries.of(VALUES))
                .as((k, v) -> k + " = " + v);
        Arbitrary<String> line = Arbitraries.frequencyOf(
                Tuple.of(6, pair),
                Tuple.of(3, Arbitraries.of(SECTIONS)),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(10)),
                Tuple.of(1, Arbitraries.of("# comment", "", "  ")));
        return line.list().ofMaxSize(10).map(lines -> String.join("\n", lines) + "\n");
    }

    @Property(tries = 3_000)
    void aConfigFileLoadsOrIsRefusedWithAMessage(@ForAll("tomls") String toml) throws IOException {
        Statistics.label("bytes").collect(toml.contains("\u00e9") ? "ends with a byte that is not UTF-8" : "UTF-8");
        // As bytes: a lone surrogate becomes '?', and some files get a byte that is not UTF-8 at all.
        byte[] bytes = toml.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (toml.contains("\u00e9")) {
            bytes[bytes.length - 1] = (byte) 0xe9;
        }
        Files.write(DIR.resolve("godwit.toml"), bytes);
        try {
            GodwitConfig config = ConfigLoader.load(CliOverrides.none(), Map.of("PGUSER", "tester"), DIR, DIR);
            Statistics.label("config").collect("loaded");
            assertThat(config.connection()).isNotNull();
        } catch (ConfigException e) {
            Statistics.label("config").collect("refused");
            assertThat(e.getMessage()).isNotBlank().doesNotContain(PW).doesNotContain("Exception")
                    .doesNotContain("com.fasterxml");
        }
    }

    @Property(tries = 2_000)
    void aUrlParsesOrIsRefusedWithoutItsPassword(@ForAll("urls") String url) {
        try {
            ConnectionUrls.parse(url, "--url", Map.of("PGUSER", "tester"), DIR);
        } catch (ConfigException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("Exception");
            // A password is what stands as one: after "user:" in a URL's authority, or as password=...
            assertThat(e.getMessage()).doesNotContain("password=" + PW);
            // where a URL's authority holds it: scheme://user:PASSWORD@
            assertThat(java.util.regex.Pattern.compile("://[^/@\\s\\[\\]]*:" + PW + "@").matcher(e.getMessage()).find())
                    .as(e.getMessage()).isFalse();
        }
    }

    @Provide
    Arbitrary<String> urls() {
        Arbitrary<String> part = Arbitraries.of("postgres://", "postgresql://", "jdbc:postgresql://", "mysql://", "app",
                ":" + PW, "@", "db", "[::1]", ":5432", ":", ":notaport", "/ledger", "/", "?sslmode=require", "?",
                "&", "password=" + PW, "%41", "%zz", "#", " ", "host=db", "user=x");
        return Arbitraries.oneOf(part.list().ofMaxSize(8).map(l -> String.join("", l)),
                Arbitraries.strings().all().ofMaxLength(20));
    }

    @Property(tries = 2_000)
    void aDurationParsesOrIsEmptyNeverAnException(@ForAll("durations") String text) {
        Durations.parse(text).ifPresent(d -> assertThat(d.isNegative()).isFalse());
    }

    @Provide
    Arbitrary<String> durations() {
        Arbitrary<String> part = Arbitraries.of("1", "0", "500", "99999999999999999999", "ms", "s", "m", "h", "d", " ",
                "-", "+", ".", "1.5", "e3", "µs", "S", "MS");
        return Arbitraries.oneOf(part.list().ofMaxSize(6).map(l -> String.join("", l)),
                Arbitraries.strings().all().ofMaxLength(8));
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("godwit-config-fuzz");
            Files.createDirectories(dir.resolve("db/migrations"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
