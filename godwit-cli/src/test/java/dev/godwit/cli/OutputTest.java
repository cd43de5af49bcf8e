package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputTest {

    @Test
    void jsonResultsPassEveryStringThroughTheSecretFilterAsTheyAreWritten() throws Exception {
        StringWriter stdout = new StringWriter();
        Output out = new Output(new PrintWriter(stdout), new PrintWriter(new StringWriter()), true, false);
        out.addSecrets(List.of("hunter2"));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("url", "postgres://app:s3cr3t@db:5432/ledger");
        doc.put("dsn", "host=db password=s3cr3t");
        doc.put("path", Path.of("/backups/hunter2/x.dump"));
        doc.put("by key hunter2", List.of("known hunter2 secret", 42, true));

        out.result(doc);

        String json = stdout.toString();
        assertThat(json).doesNotContain("s3cr3t").doesNotContain("hunter2").endsWith(System.lineSeparator());
        JsonNode read = new ObjectMapper().readTree(json);
        assertThat(read.get("url").asText()).isEqualTo("postgres://app:***@db:5432/ledger");
        assertThat(read.get("dsn").asText()).isEqualTo("host=db password=***");
        assertThat(read.get("path").asText()).as("serialised as a URI, not by StringSerializer").endsWith("/backups/***/x.dump");
        assertThat(read.get("by key ***").get(0).asText()).isEqualTo("known *** secret");
        assertThat(read.get("by key ***").get(1).asInt()).isEqualTo(42);
    }

    @Test
    void aLargeReportHasOneLinePerItemAndStaysTheSameJson() throws Exception {
        StringWriter stdout = new StringWriter();
        Output out = new Output(new PrintWriter(stdout), new PrintWriter(new StringWriter()), true, false);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("files", 2);
        doc.put("findings", List.of(
                Map.of("rule", "drop-table", "blocks", List.of("SELECT", "INSERT"), "url", "postgres://a:pw@db/x"),
                Map.of("rule", "prefer-text", "nested", Map.of("k", "multi\nline"))));
        doc.put("empty", List.of());

        out.resultItemPerLine(doc);

        String json = stdout.toString();
        List<String> lines = json.lines().toList();
        assertThat(lines).first().isEqualTo("{");
        assertThat(lines).filteredOn(l -> l.contains("drop-table")).singleElement()
                .satisfies(l -> assertThat(l).contains("\"blocks\"").contains("\"SELECT\"").doesNotContain("pw"));
        assertThat(lines).filteredOn(l -> l.contains("prefer-text")).singleElement()
                .satisfies(l -> assertThat(l).contains("\"nested\""));
        assertThat(new ObjectMapper().readTree(json)).isEqualTo(new ObjectMapper().valueToTree(Map.of("files", 2,
                "findings", List.of(Map.of("rule", "drop-table", "blocks", List.of("SELECT", "INSERT"),
                        "url", "postgres://a:***@db/x"), Map.of("rule", "prefer-text", "nested",
                        Map.of("k", "multi\nline"))), "empty", List.of())));
    }
}
