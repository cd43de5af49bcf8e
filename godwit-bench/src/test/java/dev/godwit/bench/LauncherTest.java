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
 * The distribution launcher ({@code bin/godwit}) and its class-data archives: written by a command's first run,
 * ignored silently when damaged, replaced when the jar changes, never written for a refused command line.
 */
class LauncherTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private record Result(int exit, String out, String err) {}

    @Test
    void archivesAreWrittenOnceReplacedWhenTheJarChangesAndADamagedOneIsIgnored() throws Exception {
        Path jar = ROOT.resolve("godwit-cli/target/godwit.jar");
        assumeTrue(Files.isRegularFile(jar), "the CLI jar is built by the package phase before this module");
        Files.createDirectories(dir.resolve("bin"));
        Files.createDirectories(dir.resolve("lib"));
        Path launcher = Files.copy(ROOT.resolve("godwit-cli/src/main/bin/godwit"), dir.resolve("bin/godwit"));
        launcher.toFile().setExecutable(true);
        Files.copy(jar, dir.resolve("lib/godwit.jar"));

        Result first = run("--version");
        assertThat(first.exit()).isZero();
        assertThat(first.out()).startsWith("godwit ");
        Path archive = only(archives(), "none-");

        Files.writeString(archive, "not an archive");
        Result damaged = run("--version");
        assertThat(damaged.exit()).isZero();
        assertThat(damaged.out()).isEqualTo(first.out());
        assertThat(damaged.err()).isEmpty();

        Files.setLastModifiedTime(dir.resolve("lib/godwit.jar"), FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        assertThat(run("--version").out()).isEqualTo(first.out());
        assertThat(only(archives(), "none-")).isNotEqualTo(archive);

        assertThat(run("nosuchcommand").exit()).isEqualTo(2);
        assertThat(archives()).noneMatch(p -> p.getFileName().toString().startsWith("nosuchcommand"));
    }

    private Result run(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(dir.resolve("bin/godwit").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(dir.resolve("out").toFile())
                .redirectError(dir.resolve("err").toFile());
        pb.environment().put("HOME", dir.resolve("home").toString());
        pb.environment().remove("XDG_CACHE_HOME");
        pb.environment().remove("GODWIT_JAVA_OPTS");
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

    private static Path only(List<Path> archives, String prefix) {
        List<Path> matching = archives.stream().filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
        assertThat(matching).hasSize(1);
        assertThat(matching.get(0).getFileName().toString()).endsWith(".jsa");
        return matching.get(0);
    }
}
