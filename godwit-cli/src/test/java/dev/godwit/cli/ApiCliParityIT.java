package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.godwit.api.Godwit;
import dev.godwit.api.RunResult;
import dev.godwit.testing.TestDatabase;
import dev.godwit.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The CLI is a client of the API: the same files migrated with {@code godwit migrate} (the real jar) and with
 * {@code Godwit.configure()...migrate()} (in this JVM) leave the same history, the same audit entries and the same
 * report, apart from what differs by nature (run ids, times, the database's name).
 */
class ApiCliParityIT extends CliTestBase {

    @Test
    void apiAndCliLeaveTheSameHistoryAuditAndReport() throws Exception {
        write("V1__accounts.sql", "create table accounts (id bigint primary key, balance numeric(12,2) not null);\n"
                + "insert into accounts values (1, 10), (2, 20);\n");
        write("V2__owner.sql", "alter table accounts add column owner text;\n");
        write("V3__close_two.sql", "-- godwit:expect-change accounts.rows -1\n-- godwit:expect-change accounts.balance -20\n"
                + "delete from accounts where id = 2;\n");
        config("[report]\ndir = \"reports-cli\"\n");

        GodwitProcess.Result cli = run("migrate");
        assertThat(cli.exitCode()).as(cli.toString()).isZero();

        TestDatabase other = TestServer.get().newDatabase();
        try {
            RunResult api = Godwit.configure()
                    .url(other.postgresUrl())
                    .locations(dir.resolve("db/migrations").toString())
                    .set("report.dir", dir.resolve("reports-api").toString())
                    .environmentVariables(Map.of())
                    .load()
                    .migrate();
            assertThat(api.exitCode()).as(api.toString()).isZero();

            assertThat(rows(other, HISTORY)).isEqualTo(rows(db, HISTORY)).hasSize(3);
            assertThat(audit(other)).isEqualTo(audit(db)).hasSize(5);
            assertThat(report(dir.resolve("reports-api"))).isEqualTo(report(dir.resolve("reports-cli")));
        } finally {
            TestServer.get().drop(other);
        }
    }

    private static final String HISTORY = "select version, description, script, checksum, success, kind"
            + " from godwit.history order by installed_rank";

    /** The audit entries: what happened, to which version, with which details (times and timed names aside). */
    private static List<String> audit(TestDatabase db) throws Exception {
        return rows(db, "select action, version, details - 'lockWaitMs' - 'durationMs' - 'database' - 'wal' - 'walBefore' from godwit.audit_log order by seq").stream()
                .map(r -> String.join(" ", String.valueOf(r.get(0)), String.valueOf(r.get(1)),
                        r.get(2).replaceAll("_\\d{14}_", "_<time>_")))
                .toList();
    }

    private static List<List<String>> rows(TestDatabase db, String sql) throws Exception {
        List<List<String>> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                out.add(row);
            }
        }
        return out;
    }

    /** The JSON report without what differs by nature: ids, times, durations, the database, the audit head. */
    private static String report(Path dir) throws Exception {
        Path json;
        try (Stream<Path> files = Files.list(dir)) {
            json = files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        strip(doc);
        return doc.toString().replaceAll("_\\d{14}_", "_<time>_").replaceAll("took \\d+ ms", "took <n> ms");
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode o) {
            for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
                String k = it.next().toLowerCase();
                if (k.contains("runid") || k.contains("at") && k.length() <= 12 && (k.endsWith("at") || k.startsWith("started"))
                        || k.contains("ms") || k.contains("took") || k.contains("database") || k.contains("head")
                        || k.contains("duration") || k.equals("host") || k.contains("time") || k.contains("finished")
                        || k.startsWith("wal") || k.equals("recovery")) { // WAL positions differ by database
                    it.remove();
                }
            }
            o.elements().forEachRemaining(ApiCliParityIT::strip);
        } else if (node != null && node.isArray()) {
            node.elements().forEachRemaining(ApiCliParityIT::strip);
        }
    }
}
