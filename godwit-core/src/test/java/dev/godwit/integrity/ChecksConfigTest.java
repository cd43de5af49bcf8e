package dev.godwit.integrity;

import dev.godwit.config.InvariantSpec;
import dev.godwit.config.Expectation;
import dev.godwit.config.ColumnRef;
import dev.godwit.config.CheckSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.godwit.config.CliOverrides;
import dev.godwit.config.ConfigException;
import dev.godwit.config.ConfigLoader;
import dev.godwit.config.CheckSettings.LargeTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code [checks]} in godwit.toml, read through the real loader; {@code [[checks.invariant]]} is an array of tables. */
class ChecksConfigTest {

    @TempDir
    Path dir;

    CheckSettings load(String toml) throws Exception {
        return load(toml, Optional.empty());
    }

    CheckSettings load(String toml, Optional<String> env) throws Exception {
        Files.writeString(dir.resolve("godwit.toml"), toml);
        CliOverrides cli = env.isEmpty() ? CliOverrides.none()
                : new CliOverrides(Optional.empty(), env, Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        return ConfigLoader.load(cli, Map.of(), dir, dir).checks();
    }

    String file() {
        return dir.resolve("godwit.toml").toString();
    }

    @Test
    void defaults() throws Exception {
        CheckSettings s = load("");

        assertThat(s).isEqualTo(CheckSettings.defaults());
        assertThat(s.enabled()).isTrue();
        assertThat(s.moneyScale()).isEqualTo(2);
        assertThat(s.largeTableRows()).isEqualTo(1_000_000);
        assertThat(s.largeTableMethod()).isEqualTo(LargeTables.COUNTERS);
    }

    @Test
    void readsEveryKeyIncludingTheArrayOfInvariants() throws Exception {
        CheckSettings s = load("""
                [checks]
                enabled = false
                money_scale = 4
                large_table_rows = 5000000
                large_table_method = "exact"
                audit_after_migrate = false
                disable = ["table-without-primary-key"]
                nonnegative = ["accounts.balance"]

                [checks.relations]
                "ledger_entries.user_ref" = "public.users.id"

                [checks.natural_keys]
                transfers = "account_id, reference"

                [[checks.invariant]]
                name = "ledger balances"
                sql = "select sum(amount) from ledger_entries"
                expect = "zero"

                [[checks.invariant]]
                name = "currency"
                sql = "select distinct currency from accounts"
                expect = "equals:EUR"
                """);

        assertThat(s.enabled()).isFalse();
        assertThat(s.moneyScale()).isEqualTo(4);
        assertThat(s.largeTableRows()).isEqualTo(5_000_000);
        assertThat(s.largeTableMethod()).isEqualTo(LargeTables.EXACT);
        assertThat(s.auditAfterMigrate()).isFalse();
        assertThat(s.disabled()).isEqualTo(Set.of("table-without-primary-key"));
        assertThat(s.nonnegative()).containsExactly(new ColumnRef("accounts", "balance"));
        assertThat(s.relations()).containsExactly(new CheckSettings.Relation(new ColumnRef("ledger_entries", "user_ref"),
                new ColumnRef("public.users", "id")));
        assertThat(s.naturalKeys()).containsExactly(new CheckSettings.NaturalKey("transfers",
                List.of("account_id", "reference")));
        assertThat(s.invariants()).containsExactly(
                new InvariantSpec("ledger balances", "select sum(amount) from ledger_entries",
                        new Expectation(Expectation.Kind.ZERO, ""), "godwit.toml"),
                new InvariantSpec("currency", "select distinct currency from accounts",
                        new Expectation(Expectation.Kind.EQUALS, "EUR"), "godwit.toml"));
    }

    @Test
    void anEnvironmentReplacesTheInvariantListAndKeepsTheRest() throws Exception {
        CheckSettings s = load("""
                [checks]
                money_scale = 3
                [[checks.invariant]]
                name = "a"
                sql = "select 1"
                expect = "unchanged"
                [[environments.production.checks.invariant]]
                name = "b"
                sql = "select 0"
                expect = "zero"
                """, Optional.of("production"));

        assertThat(s.moneyScale()).isEqualTo(3);
        assertThat(s.invariants()).extracting(InvariantSpec::name).containsExactly("b");
    }

    @Test
    void mistakesInAnArrayOfTablesNameTheElementTheKeyAndTheFile() {
        assertThatThrownBy(() -> load("[[checks.invariant]]\nname = \"a\"\nsql = \"select 1\"\nexpected = \"zero\"\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("unknown key 'expected' in [checks.invariant #1] in " + file() + "; did you mean 'expect'?"
                        + " the keys of [[checks.invariant]] are: name, sql, expect");
        assertThatThrownBy(() -> load("[[checks.invariant]]\nname = \"a\"\nsql = 1\nexpect = \"zero\"\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("[checks.invariant #1] sql in " + file() + " must be a string, not the number 1");
        assertThatThrownBy(() -> load("[checks]\ninvariant = \"select 1\"\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("[checks] invariant in " + file() + " must be an array of tables, each starting with"
                        + " [[checks.invariant]], not the string \"select 1\"");
        assertThatThrownBy(() -> load("[checks]\ninvariant = [1]\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("[checks.invariant #1] in " + file() + " must be a table ([[checks.invariant]]), not the"
                        + " number 1");
    }

    @Test
    void badValuesAreRefusedNamingTheKeyAndTheFile() {
        assertThatThrownBy(() -> load("[[checks.invariant]]\nname = \"a\"\nsql = \"select 1\"\nexpect = \"= 0\"\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("[[checks.invariant]] number 1 in " + file() + " ('a') needs expect = one of unchanged,"
                        + " zero, nonnegative, equals:<value> or no_rows, not \"= 0\"");
        assertThatThrownBy(() -> load("[[checks.invariant]]\nname = \"a\"\nexpect = \"zero\"\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("needs sql");
        assertThatThrownBy(() -> load("[[checks.invariant]]\nsql = \"select 1\"\nexpect = \"zero\"\n"
                + "[[checks.invariant]]\nname = \"x\"\nsql = \"select 1\"\nexpect = \"zero\"\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("number 1").hasMessageContaining("needs a name");
        assertThatThrownBy(() -> load("[[checks.invariant]]\nname = \"x\"\nsql = \"select 1\"\nexpect = \"zero\"\n"
                + "[[checks.invariant]]\nname = \"x\"\nsql = \"select 2\"\nexpect = \"zero\"\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("number 2").hasMessageContaining("used twice");
        assertThatThrownBy(() -> load("[checks]\nlarge_table_method = \"estimate\"\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("[checks] large_table_method in " + file() + " must be \"exact\", \"counters\" or \"skip\","
                        + " not \"estimate\"");
        assertThatThrownBy(() -> load("[checks]\nmoney_scale = -1\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("money_scale");
        assertThatThrownBy(() -> load("[checks]\ndisable = [\"float_money\"]\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown check 'float_money'")
                .hasMessageContaining("did you mean 'float-money'?");
        assertThatThrownBy(() -> load("[checks]\nnonnegative = [\"balance\"]\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("[checks] nonnegative in " + file())
                .hasMessageContaining("table.column");
        assertThatThrownBy(() -> load("[checks.relations]\n\"ledger.user_ref\" = \"users\"\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("relations.ledger.user_ref");
        assertThatThrownBy(() -> load("[checks.natural_keys]\ntransfers = \" , \"\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("natural_keys.transfers");
        assertThatThrownBy(() -> load("[checks]\nlarge_table_row = 5\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("did you mean 'large_table_rows'?");
    }
}
