package dev.godwit.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationScannerTest {

    @TempDir
    Path dir;

    private Path write(String relative, String text) throws IOException {
        return write(dir, relative, text);
    }

    private static Path write(Path base, String relative, String text) throws IOException {
        Path p = base.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static List<String> versions(MigrationSet set) {
        return set.versioned().stream().map(m -> m.version().text()).toList();
    }

    private static List<ScanProblem> problemsAbout(MigrationSet set, Path file) {
        return set.problems().stream().filter(p -> p.path().equals(file)).toList();
    }

    @Test
    void emptyFolderIsFine() {
        MigrationSet set = MigrationScanner.scan(List.of(dir));
        assertThat(set.versioned()).isEmpty();
        assertThat(set.repeatable()).isEmpty();
        assertThat(set.down()).isEmpty();
        assertThat(set.problems()).isEmpty();
    }

    @Test
    void findsFilesInSubfoldersAndSeveralLocations() throws IOException {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        write(a, "V1__one.sql", "select 1;\n");
        write(a, "2024/q1/V3__three.sql", "select 3;\n");
        write(b, "deep/er/still/V2__two.sql", "select 2;\n");
        write(b, "0004_four.up.sql", "select 4;\n");

        MigrationSet set = MigrationScanner.scan(List.of(a, b));

        assertThat(set.problems()).isEmpty();
        assertThat(versions(set)).containsExactly("1", "2", "3", "0004");
        MigrationScript three = set.versioned(Version.parse("3")).orElseThrow();
        assertThat(three.script()).isEqualTo("2024/q1/V3__three.sql");
        assertThat(three.path()).isEqualTo(a.resolve("2024/q1/V3__three.sql"));
        assertThat(three.text()).isEqualTo("select 3;\n");
        assertThat(three.checksum()).isEqualTo(Checksums.sha256("select 3;\n"));
        assertThat(three.description()).isEqualTo("three");
        assertThat(three.label()).isEqualTo("V3 three");
        assertThat(set.versioned(Version.parse("2")).orElseThrow().script()).isEqualTo("deep/er/still/V2__two.sql");
    }

    @Test
    void versionedAreSortedNumericallyNotByName() throws IOException {
        write("V10__ten.sql", "x");
        write("V9__nine.sql", "x");
        write("V1.10__one_ten.sql", "x");
        write("V1.9__one_nine.sql", "x");
        write("V2__two.sql", "x");
        write("z/V1.2.1__deep.sql", "x");

        MigrationSet set = MigrationScanner.scan(List.of(dir));

        assertThat(set.problems()).isEmpty();
        assertThat(versions(set)).containsExactly("1.2.1", "1.9", "1.10", "2", "9", "10");
    }

    @Test
    void repeatablesAreSortedByDescription() throws IOException {
        write("R__c_views.sql", "c");
        write("sub/R__a_functions.sql", "a");
        write("R__b_grants.sql", "b");

        MigrationSet set = MigrationScanner.scan(List.of(dir));

        assertThat(set.problems()).isEmpty();
        assertThat(set.repeatable()).extracting(MigrationScript::description)
                .containsExactly("a functions", "b grants", "c views");
        assertThat(set.repeatable("b grants")).get().extracting(MigrationScript::label).isEqualTo("R b grants");
        assertThat(set.versioned()).isEmpty();
    }

    @Test
    void downScriptsAreMappedByVersion() throws IOException {
        write("V1__a.sql", "create table a ();");
        write("U1__a.sql", "drop table a;");
        write("0002_b.up.sql", "create table b ();");
        write("0002_b.down.sql", "drop table b;");

        MigrationSet set = MigrationScanner.scan(List.of(dir));

        assertThat(set.problems()).isEmpty();
        assertThat(versions(set)).containsExactly("1", "0002");
        assertThat(set.down()).containsOnlyKeys(Version.parse("1"), Version.parse("2"));
        assertThat(set.down().get(Version.parse("1")).text()).isEqualTo("drop table a;");
        assertThat(set.down().get(Version.parse("2.0")).script()).isEqualTo("0002_b.down.sql");
        assertThat(set.down().get(Version.parse("1")).label()).isEqualTo("U1 a");
        assertThat(set.down().get(Version.parse("1")).kind()).isEqualTo(MigrationKind.UNDO);
    }

    @Test
    void duplicateVersionAcrossNamingSchemesNamesBothFiles() throws IOException {
        Path flyway = write("V1__a.sql", "a");
        Path golang = write("1_b.up.sql", "b");

        MigrationSet set = MigrationScanner.scan(List.of(dir));

        assertThat(set.problems()).hasSize(1);
        ScanProblem p = set.problems().get(0);
        String both = p.toString();
        assertThat(both).contains(flyway.toString()).contains(golang.toString()).contains("duplicate version 1");
        assertThat(set.versioned()).hasSize(1);
    }

    @Test
    void duplicateVersionWithTrailingZeroNamesBothFiles() throws IOException {
        Path a = write("V1.0__a.sql", "a");
        Path b = write("other/V1__b.sql", "b");

        MigrationSet set = MigrationScanner.scan(List.of(dir));

        assertThat(set.problems()).hasSize(1);
        assertThat(set.problems().get(0).toString()).contains(a.toString()).contains(b.toString())
                .contains("duplicate version").contains("another version");
    }

    @Test
    void duplicateVersionInTwoLocations() throws IOException {
        Path a = write(dir.resolve("one"), "V5__x.sql", "x");
        Path b = write(dir.resolve("two"), "V5__x.sql", "x");

        MigrationSet set = MigrationScanner.scan(List.of(dir.resolve("one"), dir.resolve("two")));

        assertThat(set.problems()).singleElement().satisfies(p ->
                assertThat(p.toString()).contains(a.toString()).contains(b.toString()));
    }

    @Test
    void aNulCharacterIsRefusedWithItsLineBeforeTheServerSeesIt() throws IOException {
        Path file = write("V1__nul.sql", "select 1;\ninsert into t values ('a\0b');\n");

        MigrationSet set = MigrationScanner.scan(List.of(dir));

        assertThat(set.problems()).singleElement().satisfies(p -> assertThat(p.toString())
                .contains(file.toString()).contains("NUL character (byte 0) on line 2"));
        assertThat(set.versioned()).isEmpty();
    }

    @Test
    void duplicateRepeatable() throws IOException {
        Path a = write("R__views.sql", "a");
        Path b = write("more/R__views.sql", "b");

        MigrationSet set = MigrationScanner.scan(List.of(dir));

        assertThat(set.problems()).singleElement().satisfies(p -> assertThat(p.toString())
                .contains("duplicate repeatable migration 'views'").contains(a.toString()).contains(b.toString())
                .contains("another description"));
        assertThat(set.repeatable()).hasSize(1);
    }

    @Test
    void duplicateDownScript() throws IOException {
        write("V3__x.sql", "x");
        Path a = write("U3__x.sql", "a");
        Path b = write("3_x.down.sql", "b");

        MigrationSet set = MigrationScanner.scan(List.of(dir));

        assertThat(set.problems()).singleElement().satisfies(p -> assertThat(p.toString())
                .contains("duplicate down script for version").contains(a.toString()).contains(b.toString()));
    }

    @Test
    void downScriptWithoutUp() throws IOException {
        write("V1__a.sql", "a");
        Path orphan = write("U2__b.sql", "b");
        Path orphan2 = write("0003_c.down.sql", "c");

        MigrationSet set = MigrationScanner.scan(List.of(dir));

        assertThat(problemsAbout(set, orphan)).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("version 2").contains("no up migration"));
        assertThat(problemsAbout(set, orphan2)).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("no up migration"));
        assertThat(set.problems()).hasSize(2);
    }

    @Test
    void badNamesAreReportedNotSkipped() throws IOException {
        Path lower = write("v1__x.sql", "x");
        Path single = write("sub/V2_y.sql", "y");
        Path golang = write("0003_z.sql", "z");

        MigrationSet set = MigrationScanner.scan(List.of(dir));

        assertThat(set.versioned()).isEmpty();
        assertThat(problemsAbout(set, lower)).singleElement().satisfies(p -> assertThat(p.message()).contains("V1__x.sql"));
        assertThat(problemsAbout(set, single)).singleElement().satisfies(p -> assertThat(p.message()).contains("V2__y.sql"));
        assertThat(problemsAbout(set, golang)).singleElement().satisfies(p -> assertThat(p.message()).contains("0003_z.up.sql"));
        assertThat(set.problems()).hasSize(3);
    }

    @Test
    void invalidUtf8IsReported() throws IOException {
        Path bad = dir.resolve("V1__latin1.sql");
        Files.write(bad, new byte[] {'s', 'e', 'l', 'e', 'c', 't', ' ', '\'', (byte) 0xE9, '\'', ';'});

        MigrationSet set = MigrationScanner.scan(List.of(dir));

        assertThat(set.versioned()).isEmpty();
        assertThat(set.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo(bad);
            assertThat(p.message()).contains("UTF-8");
        });
    }

    @Test
    void bomAndCrlfAreNormalisedOnRead() throws IOException {
        Path p = dir.resolve("V1__bom.sql");
        Files.write(p, "\uFEFFselect 1;\r\nselect 2;\r\n".getBytes(StandardCharsets.UTF_8));

        MigrationScript s = MigrationScanner.scan(List.of(dir)).versioned().get(0);

        assertThat(s.text()).isEqualTo("select 1;\nselect 2;\n");
        assertThat(s.checksum()).isEqualTo(Checksums.sha256("select 1;\nselect 2;\n"));
    }

    @Test
    void missingLocationIsReported() {
        Path missing = dir.resolve("nope");

        MigrationSet set = MigrationScanner.scan(List.of(missing));

        assertThat(set.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo(missing);
            assertThat(p.message()).contains("does not exist");
        });
    }

    @Test
    void locationThatIsAFileIsReported() throws IOException {
        Path file = write("V1__x.sql", "x");

        MigrationSet set = MigrationScanner.scan(List.of(file));

        assertThat(set.versioned()).isEmpty();
        assertThat(set.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo(file);
            assertThat(p.message()).contains("not a folder");
        });
    }

    @Test
    void nonSqlFilesAndNonMigrationSqlAreIgnored() throws IOException {
        write("README.md", "# migrations");
        write("V1__x.sql.bak", "old");
        write("V2__y.txt", "not sql");
        write("seed.sql", "insert into a values (1);");
        write("notes/notes.txt", "hello");
        write("V1__real.sql", "select 1;");
        // A non-migration .sql file with bytes that are not UTF-8 is not even read.
        Files.write(dir.resolve("latin1_seed.sql"), new byte[] {(byte) 0xE9});

        MigrationSet set = MigrationScanner.scan(List.of(dir));

        assertThat(set.problems()).isEmpty();
        assertThat(versions(set)).containsExactly("1");
    }

    @Test
    void foldersNamedLikeMigrationsAreNotFiles() throws IOException {
        Files.createDirectories(dir.resolve("V9__folder.sql"));
        write("V1__x.sql", "x");

        MigrationSet set = MigrationScanner.scan(List.of(dir));

        assertThat(set.problems()).isEmpty();
        assertThat(versions(set)).containsExactly("1");
    }

    @Test
    void everyProblemIsReportedInOneScan() throws IOException {
        Path src = dir.resolve("src");
        Path a = write(src, "V1__a.sql", "a");
        Path dup = write(src, "x/V1__again.sql", "b");
        Path badName = write(src, "V2_b.sql", "c");
        Path orphan = write(src, "U7__gone.sql", "d");
        Path r1 = write(src, "R__v.sql", "e");
        Path r2 = write(src, "y/R__v.sql", "f");
        Path latin = src.resolve("V3__latin.sql");
        Files.write(latin, new byte[] {(byte) 0xFF, (byte) 0xFE, 0});
        Path missing = dir.resolve("missing");
        Path fileLocation = write("plain.txt", "x");
        write(src, "V4__fine.sql", "g");

        MigrationSet set = MigrationScanner.scan(List.of(src, missing, fileLocation));

        assertThat(set.problems()).hasSize(7);
        assertThat(set.problems()).extracting(ScanProblem::path)
                .contains(badName, orphan, latin, missing, fileLocation);
        String all = set.problems().stream().map(ScanProblem::toString).collect(Collectors.joining("\n"));
        assertThat(all).contains(a.toString()).contains(dup.toString()).contains(r1.toString()).contains(r2.toString());
        assertThat(versions(set)).containsExactly("1", "4");
    }

    @Test
    void aSymlinkLoopIsAProblemNotACrash() throws IOException {
        write("V1__x.sql", "x");
        Path sub = Files.createDirectories(dir.resolve("sub"));
        Files.createSymbolicLink(sub.resolve("loop"), dir);

        MigrationSet set = MigrationScanner.scan(List.of(dir));

        assertThat(set.problems()).isNotEmpty();
        assertThat(set.problems().get(0).message()).contains("could not be read");
    }

    @Test
    void setIsImmutable() throws IOException {
        write("V1__x.sql", "x");
        MigrationSet set = MigrationScanner.scan(List.of(dir));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> set.versioned().clear())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(set.versioned(Version.parse("2"))).isEmpty();
        assertThat(set.repeatable("nope")).isEmpty();
    }
}
