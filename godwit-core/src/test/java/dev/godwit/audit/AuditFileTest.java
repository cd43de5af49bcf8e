package dev.godwit.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditFileTest {

    @TempDir
    Path dir;

    static final Actor ME = new Actor("alice", "box", Map.of("GODWIT_FLEET_RUN_ID", "f-1"), null, null);

    @Test
    void chainsVerifiesAndNamesAnEditedLine() throws Exception {
        Path f = dir.resolve("a/fleet-audit.jsonl");
        AuditFile log = new AuditFile(f, Optional.empty());
        log.append("fleet_started", "f-1", ME, Map.of("targets", 3, "command", "migrate"));
        log.append("fleet_target", "f-1", ME, Map.of("target", "eu-1", "result", "applied"));
        String head = log.append("fleet_finished", "f-1", ME, Map.of("exitCode", 0));
        Verification ok = log.verify(Optional.of(head));
        assertThat(ok.intact()).isTrue();
        assertThat(ok.entries()).isEqualTo(3);
        assertThat(ok.head()).isEqualTo(head);

        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        lines.set(1, lines.get(1).replace("applied", "failed"));
        Files.write(f, lines, StandardCharsets.UTF_8);
        Verification bad = log.verify(Optional.empty());
        assertThat(bad.intact()).isFalse();
        assertThat(bad.firstBreak().orElseThrow().seq()).isEqualTo(2);
    }

    @Test
    void aKeyedFileDoesNotVerifyWithoutTheKey() throws Exception {
        Path f = dir.resolve("k.jsonl");
        new AuditFile(f, Optional.of("k3y".getBytes(StandardCharsets.UTF_8))).append("fleet_started", "r", ME,
                Map.of());
        assertThat(new AuditFile(f, Optional.of("k3y".getBytes(StandardCharsets.UTF_8))).verify(Optional.empty())
                .intact()).isTrue();
        assertThat(new AuditFile(f, Optional.empty()).verify(Optional.empty()).intact()).isFalse();
    }

    @Test
    void twoWritersFormOneChain() throws Exception {
        Path f = dir.resolve("shared.jsonl");
        AuditFile a = new AuditFile(f, Optional.empty());
        AuditFile b = new AuditFile(f, Optional.empty());
        Thread t = new Thread(() -> {
            for (int i = 0; i < 50; i++) {
                try {
                    b.append("fleet_target", "b", ME, Map.of("i", i));
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }
        });
        t.start();
        for (int i = 0; i < 50; i++) {
            a.append("fleet_target", "a", ME, Map.of("i", i));
        }
        t.join();
        Verification v = a.verify(Optional.empty());
        assertThat(v.intact()).as(v.firstBreak().map(Object::toString).orElse("")).isTrue();
        assertThat(v.entries()).isEqualTo(100);
    }
}
