package dev.godwit.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile against the CLI distribution: the tarball it unpacks is the one the assembly names, and the paths
 * it uses (/opt/godwit/bin/godwit, /opt/godwit/lib/godwit.jar) are where the assembly puts the launcher and the jar.
 * When the tarball has been built (godwit-cli/target), its entries are checked too.
 */
class DockerfileLayoutTest {

    private static final Path ROOT = Manifests.root();
    private static final String DOCKERFILE = Manifests.read(ROOT.resolve("deploy/docker/Dockerfile"));
    private static final String ASSEMBLY = Manifests.read(ROOT.resolve("godwit-cli/src/assembly/dist.xml"));
    private static final String CLI_POM = Manifests.read(ROOT.resolve("godwit-cli/pom.xml"));

    @Test
    void aJre17OrNewerBase() {
        Matcher from = Pattern.compile("(?m)^FROM eclipse-temurin:(\\d+)-jre").matcher(DOCKERFILE);
        assertThat(from.find()).as("FROM eclipse-temurin:<major>-jre...").isTrue();
        assertThat(Integer.parseInt(from.group(1))).isGreaterThanOrEqualTo(17);
    }

    @Test
    void theTarballIsTheAssemblysAndItsFoldersAreWhereTheImageLooks() {
        assertThat(ASSEMBLY).contains("<format>tar.gz</format>").contains("<includeBaseDirectory>true</includeBaseDirectory>");
        assertThat(CLI_POM).contains("<finalName>godwit-${project.version}</finalName>");
        // the launcher into bin/, the jar into lib/
        assertThat(ASSEMBLY).containsPattern("<source>src/main/bin/godwit</source>\\s*<outputDirectory>bin</outputDirectory>");
        assertThat(ASSEMBLY).containsPattern("<source>\\$\\{project.build.directory}/godwit.jar</source>\\s*"
                + "<outputDirectory>lib</outputDirectory>");
        assertThat(Manifests.read(ROOT.resolve("godwit-cli/src/main/bin/godwit"))).contains("jar=\"${GODWIT_JAR:-$dir/../lib/godwit.jar}\"");

        assertThat(DOCKERFILE).contains("ADD godwit-cli/target/godwit-${GODWIT_VERSION}.tar.gz /opt/");
        assertThat(DOCKERFILE).contains("mv /opt/godwit-${GODWIT_VERSION} /opt/godwit");
        assertThat(DOCKERFILE).contains("ln -s /opt/godwit/bin/godwit /usr/local/bin/godwit");
        assertThat(DOCKERFILE).contains("chmod 0755 /opt/godwit/bin/godwit");
        assertThat(DOCKERFILE).containsPattern("(?m)^ENTRYPOINT \\[\"godwit\"]");
    }

    @Test
    void postgresqlClientsOfSeveralMajors() {
        Matcher majors = Pattern.compile("ARG PG_MAJORS=\"([0-9 ]+)\"").matcher(DOCKERFILE);
        assertThat(majors.find()).isTrue();
        List<Integer> list = List.of(majors.group(1).trim().split("\\s+")).stream().map(Integer::parseInt).toList();
        assertThat(list).hasSizeGreaterThanOrEqualTo(3).contains(15, 16, 17);
        assertThat(DOCKERFILE).contains("postgresql-client-$v");
    }

    @Test
    void theBuiltTarballHasTheLauncherAndTheJarWhereTheDockerfileExpectsThem() throws IOException {
        Path target = ROOT.resolve("godwit-cli/target");
        List<Path> tarballs;
        try (var s = Files.exists(target) ? Files.list(target) : java.util.stream.Stream.<Path>empty()) {
            tarballs = s.filter(p -> p.getFileName().toString().matches("godwit-.+\\.tar\\.gz")).toList();
        }
        if (tarballs.isEmpty()) {
            return; // not built in this reactor run: the assembly descriptor above is the layout
        }
        String version = tarballs.get(0).getFileName().toString().replaceAll("^godwit-|\\.tar\\.gz$", "");
        List<String> entries = entries(tarballs.get(0));
        assertThat(entries).contains("godwit-" + version + "/bin/godwit", "godwit-" + version + "/lib/godwit.jar");
    }

    /** The names in a tar.gz (ustar headers: name at 0, size at 124 in octal, prefix at 345). */
    private static List<String> entries(Path tarGz) throws IOException {
        List<String> names = new ArrayList<>();
        try (InputStream in = new BufferedInputStream(new GZIPInputStream(Files.newInputStream(tarGz)))) {
            byte[] header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                String name = field(header, 0, 100);
                String prefix = field(header, 345, 155);
                long size = Long.parseLong(field(header, 124, 12).trim().isEmpty() ? "0" : field(header, 124, 12).trim(), 8);
                char type = (char) header[156];
                if (type == 'L') { // GNU long name: the name is the next block(s)
                    name = new String(in.readNBytes((int) size), StandardCharsets.UTF_8).replace("\0", "");
                    in.skipNBytes((512 - size % 512) % 512);
                    in.readNBytes(header, 0, 512);
                    size = Long.parseLong(field(header, 124, 12).trim(), 8);
                    prefix = "";
                }
                names.add(prefix.isEmpty() ? name : prefix + "/" + name);
                in.skipNBytes(size + (512 - size % 512) % 512);
            }
        }
        return names;
    }

    private static String field(byte[] header, int offset, int length) {
        String s = new String(header, offset, length, StandardCharsets.US_ASCII);
        int nul = s.indexOf('\0');
        return nul < 0 ? s : s.substring(0, nul);
    }
}
