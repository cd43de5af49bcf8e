package dev.godwit.examples.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.godwit.api.GodwitException;
import dev.godwit.spring.boot.GodwitStartupException;
import dev.godwit.testing.TestDatabase;
import dev.godwit.testing.TestServer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The ledger started against a real PostgreSQL in each of Godwit's start-up modes. */
class LedgerStartupTest {

    private TestDatabase db;

    @BeforeEach
    void setUp() {
        db = TestServer.get().newDatabase();
    }

    @AfterEach
    void tearDown() {
        TestServer.get().drop(db);
    }

    @Test
    void validateModeRefusesToStartWithPendingMigrationsAndChangesNothing() {
        assertThatThrownBy(() -> start(List.of()))
                .satisfies(e -> {
                    GodwitException g = godwitCause(e);
                    assertThat(g.exitCode()).isEqualTo(4);
                    assertThat(g.getMessage()).contains("godwit.mode=validate", "2 migration(s) pending",
                            "V1__accounts.sql", "V2__transfers.sql");
                });
        assertThat(db.tableExists("public.accounts")).isFalse();
    }

    @Test
    void migrateModeAppliesBeforeJdbcTemplateUsersStartAndValidateThenStarts() {
        try (ConfigurableApplicationContext app = start(List.of("godwit.mode=migrate"), ReadsAtStartup.class)) {
            // ReadsAtStartup queried accounts while the context started: Godwit had migrated before it.
            assertThat(app.getBean(ReadsAtStartup.class).accountsAtStartup).isZero();
            LedgerService ledger = app.getBean(LedgerService.class);
            long alice = ledger.open("alice", new BigDecimal("100.00"));
            long bob = ledger.open("bob", new BigDecimal("5.00"));
            ledger.transfer(alice, bob, new BigDecimal("30.00"));
            assertThat(ledger.balance(bob)).isEqualByComparingTo("35.00");
            assertThat(ledger.total()).isEqualByComparingTo("105.00");
        }
        try (ConfigurableApplicationContext app = start(List.of())) {
            assertThat(app.getBean(LedgerService.class).total()).isEqualByComparingTo("105.00");
        }
    }

    @Test
    void aNewMigrationIsRefusedByValidateAndAppliedByMigrate() {
        start(List.of("godwit.mode=migrate")).close();
        String next = "godwit.locations=classpath:db/godwit,classpath:db/ledger-next";
        assertThatThrownBy(() -> start(List.of(next)))
                .satisfies(e -> assertThat(godwitCause(e).getMessage())
                        .contains("1 migration(s) pending", "V3__account_currency.sql"));
        start(List.of(next, "godwit.mode=migrate")).close();
        assertThat(db.count("select count(*) from information_schema.columns where table_name = 'accounts'"
                + " and column_name = 'currency'")).isEqualTo(1);
        start(List.of(next)).close();
    }

    @Test
    void anIntegrityRefusalFailsStartUpAndLeavesTheDatabaseAsItWas() {
        try (ConfigurableApplicationContext app = start(List.of("godwit.mode=migrate"))) {
            LedgerService ledger = app.getBean(LedgerService.class);
            ledger.open("alice", new BigDecimal("100.00"));
            ledger.open("bob", new BigDecimal("5.00"));
        }
        long historyBefore = db.count("select count(*) from godwit.history");

        assertThatThrownBy(() -> start(List.of("godwit.mode=migrate",
                "godwit.locations=classpath:db/godwit,classpath:db/ledger-fee")))
                .satisfies(e -> {
                    GodwitException g = godwitCause(e);
                    assertThat(g).isInstanceOf(GodwitStartupException.class);
                    assertThat(g.exitCode()).isEqualTo(6);
                    assertThat(((GodwitStartupException) g).result().outcome().changedNothing()).isFalse();
                    assertThat(g.getMessage()).contains("V3__monthly_fee.sql", "sum(balance)");
                });
        assertThat(db.queryValue("select sum(balance) from accounts")).isEqualTo(new BigDecimal("105.00"));
        assertThat(db.count("select count(*) from godwit.history")).isEqualTo(historyBefore);
    }

    /** A database user that reads at start-up: it fails if Boot starts it before Godwit has migrated. */
    static class ReadsAtStartup {
        final long accountsAtStartup;

        ReadsAtStartup(JdbcTemplate jdbc) {
            accountsAtStartup = jdbc.queryForObject("select count(*) from accounts", Long.class);
        }
    }

    @Configuration
    static class ReadsAtStartupConfig {
        @Bean
        ReadsAtStartup readsAtStartup(JdbcTemplate jdbc) {
            return new ReadsAtStartup(jdbc);
        }
    }

    private ConfigurableApplicationContext start(List<String> properties, Class<?>... extra) {
        List<String> all = new ArrayList<>(List.of(
                "spring.datasource.url=" + db.jdbcUrl(),
                "spring.datasource.username=" + db.user(),
                "spring.datasource.password=" + db.password(),
                "godwit.settings[report.dir]=target/godwit-reports"));
        all.addAll(properties);
        List<Class<?>> sources = new ArrayList<>(List.of(LedgerApplication.class));
        if (extra.length > 0) {
            sources.add(ReadsAtStartupConfig.class);
        }
        return new SpringApplicationBuilder(sources.toArray(Class<?>[]::new))
                .web(WebApplicationType.NONE)
                // As command-line arguments: they win over application.properties, as on a real command line.
                .run(all.stream().map(p -> "--" + p).toArray(String[]::new));
    }

    static GodwitException godwitCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof GodwitException g) {
                return g;
            }
        }
        throw new AssertionError("no GodwitException behind " + t, t);
    }
}
