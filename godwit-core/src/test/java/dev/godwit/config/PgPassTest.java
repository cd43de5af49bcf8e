package dev.godwit.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class PgPassTest {

    @TempDir
    Path dir;

    private Path fileWith(String perms, String... lines) throws Exception {
        Path f = dir.resolve("pgpass");
        Files.writeString(f, String.join("\n", lines) + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(perms));
        return f;
    }

    private Path file(String... lines) throws Exception {
        return fileWith("rw-------", lines);
    }

    @Test
    void findsAnExactMatch() throws Exception {
        Path f = file("db:5432:ledger:app:pw1");
        assertThat(PgPass.lookup(f, "db", 5432, "ledger", "app")).contains("pw1");
    }

    @Test
    void theFirstMatchingLineWins() throws Exception {
        Path f = file("db:5432:ledger:app:first", "*:*:*:*:second");
        assertThat(PgPass.lookup(f, "db", 5432, "ledger", "app")).contains("first");
        assertThat(PgPass.lookup(f, "other", 1, "x", "y")).contains("second");
    }

    @Test
    void eachFieldMustMatchUnlessItIsAWildcard() throws Exception {
        Path f = file("db:5432:ledger:app:pw");
        assertThat(PgPass.lookup(f, "db2", 5432, "ledger", "app")).isEmpty();
        assertThat(PgPass.lookup(f, "db", 5433, "ledger", "app")).isEmpty();
        assertThat(PgPass.lookup(f, "db", 5432, "ledger2", "app")).isEmpty();
        assertThat(PgPass.lookup(f, "db", 5432, "ledger", "app2")).isEmpty();
        Path w = file("db:*:*:app:pw");
        assertThat(PgPass.lookup(w, "db", 6000, "anything", "app")).contains("pw");
    }

    @Test
    void unescapesColonsAndBackslashes() throws Exception {
        Path f = file("fe80\\:\\:1:5432:led\\\\ger:app:p\\:w\\\\d");
        assertThat(PgPass.lookup(f, "fe80::1", 5432, "led\\ger", "app")).contains("p:w\\d");
    }

    @Test
    void anUnescapedColonEndsThePasswordAsInLibpq() throws Exception {
        assertThat(PgPass.lookup(file("*:*:*:*:pw:extra"), "h", 1, "d", "u")).contains("pw");
    }

    @Test
    void skipsCommentsAndBlankLines() throws Exception {
        Path f = file("# db:5432:ledger:app:commented", "", "db:5432:ledger:app:real");
        assertThat(PgPass.lookup(f, "db", 5432, "ledger", "app")).contains("real");
    }

    @Test
    void ignoresAFileOthersCanReadAndSaysSo() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(PgPass.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        try {
            Path f = fileWith("rw-r-----", "*:*:*:*:pw");
            assertThat(PgPass.lookup(f, "h", 1, "d", "u")).isEmpty();
            assertThat(log.list).singleElement().satisfies(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.WARN);
                assertThat(e.getFormattedMessage()).contains(f.toString(), "group or world", "0600");
            });
        } finally {
            logger.detachAppender(log);
        }
        assertThat(PgPass.lookup(fileWith("rw----r--", "*:*:*:*:pw"), "h", 1, "d", "u")).isEmpty();
        assertThat(PgPass.lookup(fileWith("r--------", "*:*:*:*:pw"), "h", 1, "d", "u")).contains("pw");
    }

    @Test
    void aMissingFileIsNoPassword() {
        assertThat(PgPass.lookup(dir.resolve("nope"), "h", 1, "d", "u")).isEmpty();
        assertThat(PgPass.lookup(null, "h", 1, "d", "u")).isEmpty();
    }

    @Test
    void aLineWithTooFewFieldsNeverMatches() throws Exception {
        assertThat(PgPass.lookup(file("*:*:*:pw"), "h", 1, "d", "u")).isEmpty();
    }
}
