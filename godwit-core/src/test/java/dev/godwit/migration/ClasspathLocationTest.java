package dev.godwit.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClasspathLocationTest {

    @TempDir
    Path tmp;

    private static final String V1 = "create table accounts (id bigint primary key);\n";
    private static final String V2 = "alter table accounts add column owner text;\n";
    private static final String U2 = "alter table accounts drop column owner;\n";

    @Test
    void migrationsInAJarReadLikeTheSameFilesOnDisk() throws Exception {
        Path folder = tmp.resolve("disk/db/godwit");
        write(folder.resolve("V1__accounts.sql"), V1);
        write(folder.resolve("sub/V2__owner.sql"), V2);
        write(folder.resolve("sub/U2__owner.sql"), U2);
        Path jar = tmp.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            entry(out, "db/godwit/V1__accounts.sql", V1);
            entry(out, "db/godwit/sub/V2__owner.sql", V2);
            entry(out, "db/godwit/sub/U2__owner.sql", U2);
            entry(out, "db/other/V9__not_here.sql", "select 1;");
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            MigrationSet fromJar = MigrationScanner.scanLocations(List.of(
                    Location.parse("classpath:db/godwit", tmp, loader)));
            MigrationSet fromDisk = MigrationScanner.scan(List.of(folder));

            assertThat(fromJar.problems()).isEmpty();
            assertThat(fromJar.versioned()).extracting(MigrationScript::script)
                    .containsExactly("V1__accounts.sql", "sub/V2__owner.sql");
            assertThat(fromJar.versioned()).extracting(MigrationScript::checksum)
                    .containsExactlyElementsOf(fromDisk.versioned().stream().map(MigrationScript::checksum).toList());
            assertThat(fromJar.down()).hasSize(1);
            assertThat(fromJar.versioned().get(0).path().toString()).isEqualTo("classpath:db/godwit/V1__accounts.sql");
        }
    }

    @Test
    void aClasspathFolderIsReadToo() throws Exception {
        Path root = tmp.resolve("classes");
        write(root.resolve("db/godwit/V1__accounts.sql"), V1);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
            MigrationSet set = MigrationScanner.scanLocations(List.of(Location.parse("classpath:/db/godwit/", tmp, loader)));
            assertThat(set.problems()).isEmpty();
            assertThat(set.versioned()).extracting(MigrationScript::script).containsExactly("V1__accounts.sql");
        }
    }

    @Test
    void aMissingPackageAndBadNamesAreProblemsThatNameTheLocation() throws Exception {
        Path jar = tmp.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            entry(out, "db/godwit/V1_accounts.sql", V1);
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            MigrationSet missing = MigrationScanner.scanLocations(List.of(Location.parse("classpath:db/nothing", tmp, loader)));
            assertThat(missing.problems()).singleElement().satisfies(p -> {
                assertThat(p.path().toString()).isEqualTo("classpath:db/nothing");
                assertThat(p.message()).contains("not on the class path");
            });
            MigrationSet bad = MigrationScanner.scanLocations(List.of(Location.parse("classpath:db/godwit", tmp, loader)));
            assertThat(bad.problems()).singleElement().satisfies(
                    p -> assertThat(p.path().toString()).isEqualTo("classpath:db/godwit/V1_accounts.sql"));
        }
    }

    @Test
    void filesystemPrefixAndPlainPathsAreFolders() {
        assertThat(Location.parse("filesystem:db/migrations", tmp, null))
                .isEqualTo(new Location.Folder(tmp.resolve("db/migrations")));
        assertThat(Location.parse("db/migrations", tmp, null)).isEqualTo(new Location.Folder(tmp.resolve("db/migrations")));
    }

    private static void write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    /** Like the jar plugin, with an entry for every folder on the way (the class loader finds a package by it). */
    private static void entry(JarOutputStream out, String name, String text) throws Exception {
        String dir = "";
        for (String part : name.substring(0, name.lastIndexOf('/')).split("/")) {
            dir += part + "/";
            try {
                out.putNextEntry(new JarEntry(dir));
                out.closeEntry();
            } catch (java.util.zip.ZipException duplicate) {
                // written for an earlier file
            }
        }
        out.putNextEntry(new JarEntry(name));
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }
}
