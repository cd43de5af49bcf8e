package dev.godwit.cli.torture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.cli.GodwitProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * Input that looks odd but is not wrong, accepted as a Flyway user expects: a UTF-8 byte-order mark, CRLF or
 * old-Mac CR line endings, an empty file, a file of comments only. The checksum ignores the BOM and the line
 * endings, so a checkout that changes them (git's autocrlf, a Windows editor) is not an edit.
 */
class AcceptedInputIT extends TortureBase {

    static final String LEDGER = "create table ledger (id bigint primary key, amount numeric(12,2) not null);\n"
            + "insert into ledger values (1, 10.00), (2, 20.50);\n";

    @Test
    void bomCrlfCrEmptyAndCommentOnlyFilesAreAppliedAndTheirLineEndingsAreNotEdits() throws IOException {
        write("V1__ledger.sql", "\uFEFF" + LEDGER.replace("\n", "\r\n"));
        write("V2__empty.sql", "");
        write("V3__comments_only.sql", "-- nothing to do yet\n/* reserved for the archive table */\n");
        write("V4__cr_only.sql", "create table notes (id int primary key);\rinsert into notes values (1);\r");

        GodwitProcess.Result migrate = run("migrate");

        assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
        assertThat(migrate.stdout()).contains("Done: 4 migration(s) applied");
        assertThat(db.count("select count(*) from ledger")).isEqualTo(2);
        assertThat(db.count("select count(*) from notes")).isEqualTo(1);
        TortureSummary.add("odd inputs accepted", 4);

        write("V1__ledger.sql", LEDGER); // the same file, checked out with LF and without the BOM
        write("V4__cr_only.sql", "create table notes (id int primary key);\r\ninsert into notes values (1);\r\n");
        GodwitProcess.Result validate = run("validate");
        assertThat(validate.exitCode()).as("line endings and a BOM are not edits: " + validate).isZero();
    }

    private void write(String name, String text) throws IOException {
        Files.write(migrations().resolve(name), text.getBytes(StandardCharsets.UTF_8));
    }
}
