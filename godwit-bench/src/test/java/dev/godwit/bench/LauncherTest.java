package dev.godwit.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution launcher ({@code bin/godwit}) and its class-data archives (AppCDS, or an AOT cache on Java 25+):
 * written by a command's first run,
 * ignored silently when damaged, replaced when the jar changes, never written for a refused command line.
 */
class LauncherTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private record Result(int exit, String out, String err) {}

    @Test
    void archivesAreWrittenOnceReplacedWhenTheJarChangesAndADamagedOneIsIgnored() throws Exception {
        install();
        // The java running the tests: an AppCDS archive up to Java 24, an AOT cache from 25 on.
        javaHome = Path.of(System.getProperty("java.home"));
        String suffix = Runtime.version().feature() >= 25 ? ".aot" : ".jsa";

        Result first = run("--version");
        assertThat(first.exit()).isZero();
        assertThat(first.out()).startsWith("godwit ");
        Path archive = only(archives(), "none-", suffix);

        Files.writeString(archive, "not an archive");
        Result damaged = run("--version");
        assertThat(damaged.exit()).isZero();
        assertThat(damaged.out()).isEqualTo(first.out());
        assertThat(damaged.err()).isEmpty();

        Files.setLastModifiedTime(dir.resolve("lib/godwit.jar"), FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        assertThat(run("--version").out()).isEqualTo(first.out());
        assertThat(only(archives(), "none-", suffix)).isNotEqualTo(archive);

        assertThat(run("nosuchcommand").exit()).isEqualTo(2);
        assertThat(archives()).noneMatch(p -> p.getFileName().toString().startsWith("nosuchcommand"));
    }

    @Test
    void lintWithItsOwnCollectorWritesAndUsesItsArchive() throws Exception {
        install();
        javaHome = Path.of(System.getProperty("java.home"));
        String suffix = Runtime.version().feature() >= 25 ? ".aot" : ".jsa";
        Path folder = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(folder.resolve("V1__index.sql"), "create index accounts_owner on accounts (owner);\n");

        // lint runs with the parallel collector (the other short commands with the serial one): the archive its
        // first run writes must serve the next runs all the same, silently
        Result first = run("lint", folder.toString());
        assertThat(first.exit()).as(first.err()).isEqualTo(5);
        assertThat(first.out()).contains("create-index-not-concurrently");
        Path archive = only(archives(), "lint-", suffix);
        Result second = run("lint", folder.toString());
        assertThat(second.exit()).isEqualTo(5);
        assertThat(second.out()).isEqualTo(first.out());
        assertThat(second.err()).isEmpty();
        assertThat(archives()).containsExactly(archive);
    }

    @Test
    void onJava25TheFirstRunBuildsAnAotCacheThatLaterRunsUseAndADamagedOneIsIgnored() throws Exception {
        Path jdk25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
        assumeTrue(Files.isExecutable(jdk25.resolve("bin/java")), "needs a Java 25 at " + jdk25);
        install();
        javaHome = jdk25;

        Result first = run("--help");
        assertThat(first.exit()).isZero();
        assertThat(first.out()).startsWith("Usage: godwit").doesNotContain("AOT");
        assertThat(first.err()).isEmpty();
        Path cache = only(archives(), "none-", ".aot");
        FileTime made = Files.getLastModifiedTime(cache);

        Result cached = run("--help");
        assertThat(cached.exit()).isZero();
        assertThat(cached.out()).isEqualTo(first.out());
        assertThat(cached.err()).isEmpty();
        assertThat(archives()).containsExactly(cache);

        // Another java in turn keeps this one's cache: the two do not replace each other on every run.
        javaHome = Path.of(System.getProperty("java.home"));
        assertThat(run("--help").out()).isEqualTo(first.out());
        javaHome = jdk25;
        assertThat(run("--help").out()).isEqualTo(first.out());
        assertThat(archives()).contains(cache);
        assertThat(Files.getLastModifiedTime(cache)).isEqualTo(made);

        Files.writeString(cache, "not an AOT cache");
        Result damaged = run("--help");
        assertThat(damaged.exit()).isZero();
        assertThat(damaged.out()).isEqualTo(first.out());
        assertThat(damaged.err()).isEmpty();
    }

    private Path javaHome;

    private void install() throws Exception {
        Path jar = ROOT.resolve("godwit-cli/target/godwit.jar");
        assumeTrue(Files.isRegularFile(jar), "the CLI jar is built by the package phase before this module");
        Files.createDirectories(dir.resolve("bin"));
        Files.createDirectories(dir.resolve("lib"));
        Path launcher = Files.copy(ROOT.resolve("godwit-cli/src/main/bin/godwit"), dir.resolve("bin/godwit"));
        launcher.toFile().setExecutable(true);
        Files.copy(jar, dir.resolve("lib/godwit.jar"));
    }

    private Result run(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(dir.resolve("bin/godwit").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(dir.resolve("out").toFile())
                .redirectError(dir.resolve("err").toFile());
        pb.environment().put("HOME", dir.resolve("home").toString());
        pb.environment().remove("XDG_CACHE_HOME");
        pb.environment().remove("GODWIT_JAVA_OPTS");
        pb.environment().remove("GODWIT_JAR");
        if (javaHome != null) {
            pb.environment().put("JAVA_HOME", javaHome.toString());
        }
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), Files.readString(dir.resolve("out")), Files.readString(dir.resolve("err")));
    }

    private List<Path> archives() throws Exception {
        Path cache = dir.resolve("home/.cache/godwit");
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(cache)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    private static Path only(List<Path> archives, String prefix, String suffix) {
        List<Path> matching = archives.stream().filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
        assertThat(matching).hasSize(1);
        assertThat(matching.get(0).getFileName().toString()).endsWith(suffix);
        return matching.get(0);
    }
}
