package dev.godwit.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.config.LintSettings;
import dev.godwit.lint.rules.Rules;
import dev.godwit.sql.SqlScript;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every rule's fixtures, from {@code src/test/resources/lint/<rule-id>/}: each {@code bad*.sql} must give at
 * least one finding of that rule (exactly N with {@code -- expect: N}), each {@code ok*.sql} none. A fixture
 * may stand for several migration files: a line {@code -- godwit-test:next-file} starts the next, and only
 * the last is checked (the earlier ones are the schema it runs against). {@code -- godwit-test:pg-version N}
 * sets the target major (default 15).
 */
class RuleFixturesTest {

    static final Path FIXTURES = Path.of("src/test/resources/lint");
    static final Path DOCS = Path.of("../docs/rules");
    private static final Pattern EXPECT = Pattern.compile("(?m)^-- expect: (\\d+)\\s*$");
    private static final Pattern PG = Pattern.compile("(?m)^-- godwit-test:pg-version (\\d+)\\s*$");

    @TestFactory
    Stream<DynamicTest> everyFixtureOfEveryRule() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Rule rule : Rules.ALL) {
            try (Stream<Path> files = Files.list(FIXTURES.resolve(rule.id()))) {
                for (Path f : files.sorted().toList()) {
                    tests.add(DynamicTest.dynamicTest(rule.id() + "/" + f.getFileName(), () -> check(rule, f)));
                }
            }
        }
        return tests.stream();
    }

    private static void check(Rule rule, Path fixture) throws Exception {
        String text = Files.readString(fixture);
        List<Finding> found = lint(text).stream().filter(f -> f.rule().equals(rule.id())).toList();
        String name = fixture.getFileName().toString();
        if (name.startsWith("ok")) {
            assertThat(found).as("findings of %s in %s", rule.id(), name).isEmpty();
            return;
        }
        Matcher m = EXPECT.matcher(text);
        if (m.find()) {
            assertThat(found).as("findings of %s in %s", rule.id(), name).hasSize(Integer.parseInt(m.group(1)));
        } else {
            assertThat(found).as("findings of %s in %s", rule.id(), name).isNotEmpty();
        }
        for (Finding f : found) {
            assertThat(f.message()).isNotBlank();
            assertThat(f.safeAlternative()).isNotBlank();
            assertThat(f.line()).isPositive();
        }
    }

    /** The findings of the last file of a fixture, after linting the files before it. */
    static List<Finding> lint(String fixture) throws Exception {
        Matcher pg = PG.matcher(fixture);
        int version = pg.find() ? Integer.parseInt(pg.group(1)) : 15;
        String[] parts = fixture.split("(?m)^-- godwit-test:next-file\\s*$");
        List<LintInput> inputs = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            inputs.add(LintInput.of("V" + (i + 1) + "__fixture.sql", SqlScript.parse(parts[i])));
        }
        LintReport report = new Linter(LintSettings.defaults(), Rules.ALL)
                .lint(inputs, SchemaModel.empty(), Linter.Scope.FILE, version);
        return report.files().get(report.files().size() - 1).findings();
    }

    @Test
    void everyRuleHasGoodAndBadFixturesAndADocPage() throws IOException {
        for (Rule rule : Rules.ALL) {
            assertThat(rule.id()).matches("[a-z]+(-[a-z0-9]+)*");
            assertThat(rule.title()).isNotBlank();
            Path dir = FIXTURES.resolve(rule.id());
            assertThat(dir).as("fixtures of " + rule.id()).isDirectory();
            try (Stream<Path> files = Files.list(dir)) {
                List<String> names = files.map(p -> p.getFileName().toString()).toList();
                assertThat(names).as("fixtures of " + rule.id()).anyMatch(n -> n.startsWith("bad") && n.endsWith(".sql"))
                        .anyMatch(n -> n.startsWith("ok") && n.endsWith(".sql"))
                        .allMatch(n -> (n.startsWith("bad") || n.startsWith("ok")) && n.endsWith(".sql"));
            }
            Path doc = DOCS.resolve(rule.id() + ".md");
            assertThat(doc).as("doc page of " + rule.id()).isRegularFile();
            assertThat(Files.readString(doc)).as("doc page of " + rule.id()).startsWith("# " + rule.id())
                    .contains("## Lock").contains("## Safe alternative").contains("## Allow");
        }
        assertThat(Rules.ALL.stream().map(Rule::id).distinct()).hasSize(Rules.ALL.size());
        String catalogue = Files.readString(DOCS.resolve("README.md"));
        for (Rule rule : Rules.ALL) {
            assertThat(catalogue).as("docs/rules/README.md lists " + rule.id())
                    .contains("[`" + rule.id() + "`](" + rule.id() + ".md) | " + rule.risk().word() + " |");
        }
    }
}
