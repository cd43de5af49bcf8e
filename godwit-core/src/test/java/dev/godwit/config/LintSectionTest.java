package dev.godwit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.godwit.config.LintSettings;
import dev.godwit.config.Risk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LintSectionTest {

    @TempDir
    Path dir;

    GodwitConfig load(String toml) throws Exception {
        Files.writeString(dir.resolve("godwit.toml"), toml);
        return ConfigLoader.load(CliOverrides.none(), Map.of(), dir, dir);
    }

    @Test
    void defaultsGateAtHighWithTheDocumentedMoneyNames() throws Exception {
        LintSettings s = load("").lint();

        assertThat(s.maxRisk()).isEqualTo(Risk.HIGH);
        assertThat(s.disabled()).isEmpty();
        assertThat(s.money().matches("total_AMOUNT_cents")).isTrue();
        assertThat(s.money().matches("description")).isFalse();
        assertThat(s.pgVersion()).isEmpty();
        assertThat(s.gate()).isTrue();
    }

    @Test
    void readsEveryKeyIncludingTheRiskTable() throws Exception {
        LintSettings s = load("[lint]\ndisable = [\"prefer-text\"]\nmoney_patterns = [\"*_cents\"]\n"
                + "max_risk = \"critical\"\npg_version = 12\ngate = false\n[lint.risk]\nprefer-jsonb = \"low\"\n").lint();

        assertThat(s.disabled()).isEqualTo(Set.of("prefer-text"));
        assertThat(s.riskOverrides()).isEqualTo(Map.of("prefer-jsonb", Risk.LOW));
        assertThat(s.money().matches("fee_cents")).isTrue();
        assertThat(s.money().matches("amount")).isFalse();
        assertThat(s.maxRisk()).isEqualTo(Risk.CRITICAL);
        assertThat(s.pgVersion()).isEqualTo(Optional.of(12));
        assertThat(s.gate()).isFalse();
    }

    @Test
    void badValuesAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> load("[lint]\nmax_risk = \"severe\"\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("max_risk").hasMessageContaining("critical");
        assertThatThrownBy(() -> load("[lint.risk]\nprefer-jsonb = \"meh\"\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("risk.prefer-jsonb");
        assertThatThrownBy(() -> load("[lint]\nrisk = [\"x\"]\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("risk").hasMessageContaining("table");
        assertThatThrownBy(() -> load("[lint]\npg_version = 9\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("pg_version");
        assertThatThrownBy(() -> load("[lint]\nmoney_patterns = [\" \"]\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("money_patterns");
    }
}
