package dev.godwit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.api.Godwit;
import dev.godwit.api.GodwitException;
import dev.godwit.config.Risk;
import dev.godwit.testing.TestDatabase;
import dev.godwit.testing.TestServer;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The auto-configuration against a real PostgreSQL: each mode, the strategy hook, properties reaching Godwit. */
class GodwitAutoConfigurationTest {

    private TestDatabase db;
    private ApplicationContextRunner runner;

    @BeforeEach
    void setUp() {
        db = TestServer.get().newDatabase();
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(db.jdbcUrl());
        ds.setUser(db.user());
        ds.setPassword(db.password());
        runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(GodwitAutoConfiguration.class))
                .withBean(DataSource.class, () -> ds)
                .withPropertyValues("godwit.locations=classpath:db/autoconf",
                        "godwit.settings[report.dir]=target/godwit-reports");
    }

    @AfterEach
    void tearDown() {
        TestServer.get().drop(db);
    }

    @Test
    void validateIsTheDefaultAndRefusesToStartWithAPendingMigration() {
        runner.run(context -> {
            assertThat(context).hasFailed();
            Throwable cause = rootGodwit(context.getStartupFailure());
            assertThat(cause).isInstanceOf(GodwitException.class);
            assertThat(((GodwitException) cause).exitCode()).isEqualTo(4);
            assertThat(cause.getMessage()).contains("godwit.mode=validate", "1 migration(s) pending",
                    "V1__accounts.sql");
        });
        assertThat(db.tableExists("public.accounts")).isFalse();
    }

    @Test
    void migrateAppliesThenValidateStarts() {
        runner.withPropertyValues("godwit.mode=migrate").run(context -> assertThat(context).hasNotFailed());
        assertThat(db.tableExists("public.accounts")).isTrue();
        assertThat(db.count("select count(*) from godwit.history")).isEqualTo(1);
        runner.run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void phaseExpandAppliesAndAcceptsOnlyTheExpandHalfOfARelease() {
        ApplicationContextRunner phased = runner.withPropertyValues("godwit.locations=classpath:db/phased");
        phased.withPropertyValues("godwit.mode=migrate", "godwit.phase=expand")
                .run(context -> assertThat(context).hasNotFailed());
        assertThat(db.count("select count(*) from godwit.history where success")).isEqualTo(1);
        assertThat(db.queryValue("select obj_description('public.accounts'::regclass)")).isNull();
        // The new version starts while the contract waits; without a phase, validate wants everything applied.
        phased.withPropertyValues("godwit.phase=expand").run(context -> assertThat(context).hasNotFailed());
        phased.run(context -> {
            assertThat(context).hasFailed();
            assertThat(rootGodwit(context.getStartupFailure()).getMessage())
                    .contains("1 migration(s) pending", "V2__retire_note.sql");
        });
        phased.withPropertyValues("godwit.mode=migrate", "godwit.phase=contract")
                .run(context -> assertThat(context).hasNotFailed());
        assertThat(db.queryValue("select obj_description('public.accounts'::regclass)")).isEqualTo("note retired");
        phased.run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void anUnknownPhaseFailsStartUpNamingTheValue() {
        runner.withPropertyValues("godwit.mode=migrate", "godwit.phase=expnad").run(context -> {
            assertThat(context).hasFailed();
            Throwable cause = rootGodwit(context.getStartupFailure());
            assertThat(((GodwitException) cause).exitCode()).isEqualTo(2);
            assertThat(cause.getMessage()).contains("godwit.phase must be expand, contract or all, not 'expnad'");
        });
        assertThat(db.tableExists("public.accounts")).isFalse();
    }

    @Test
    void migrateFailsStartUpWithTheGatesTypedRefusalAndAppliesNothing() {
        runner.withPropertyValues("godwit.mode=migrate").run(context -> assertThat(context).hasNotFailed());
        db.execute("insert into accounts values (1, 'alice')");
        runner.withPropertyValues("godwit.mode=migrate", "godwit.locations=classpath:db/autoconf,classpath:db/risky")
                .run(context -> {
                    assertThat(context).hasFailed();
                    Throwable cause = rootGodwit(context.getStartupFailure());
                    assertThat(cause).isInstanceOf(GodwitStartupException.class);
                    assertThat(((GodwitStartupException) cause).result().outcome())
                            .isInstanceOf(dev.godwit.run.RunOutcome.Blocked.class);
                    assertThat(((GodwitException) cause).exitCode()).isEqualTo(5);
                    assertThat(cause.getMessage()).contains("safety gate", "V2__drop_name.sql:1", "drop-column");
                });
        assertThat(db.queryValue("select name from accounts where id = 1")).isEqualTo("alice");
    }

    @Test
    void noneChecksNothing() {
        runner.withPropertyValues("godwit.mode=none").run(context -> assertThat(context).hasNotFailed()
                .hasSingleBean(GodwitInitializer.class));
        assertThat(db.tableExists("public.accounts")).isFalse();
    }

    @Test
    void aStrategyBeanReplacesTheMode() {
        runner.withBean(GodwitMigrationStrategy.class, () -> godwit -> godwit.migrate().orThrow())
                .run(context -> assertThat(context).hasNotFailed());
        assertThat(db.tableExists("public.accounts")).isTrue();
    }

    @Test
    void typedPropertiesAndAnyGodwitTomlKeyReachTheConfiguration() {
        runner.withPropertyValues("godwit.mode=none", "godwit.schema=godwit_app", "godwit.lock-wait=7s",
                "godwit.settings[lint.max_risk]=low").run(context -> {
                    Godwit godwit = context.getBean(Godwit.class);
                    assertThat(godwit.config().schema()).isEqualTo("godwit_app");
                    assertThat(godwit.config().lint().maxRisk()).isEqualTo(Risk.LOW);
                });
    }

    @Test
    void aBadGodwitTomlKeyFailsStartUpWithGodwitsMessage() {
        runner.withPropertyValues("godwit.settings[lint.max_risk]=extreme").run(context -> {
            assertThat(context).hasFailed();
            Throwable cause = rootGodwit(context.getStartupFailure());
            assertThat(((GodwitException) cause).exitCode()).isEqualTo(2);
            assertThat(cause.getMessage()).contains("max_risk");
        });
    }

    @Test
    void aSeparateMigrationConnectionFromUrlUserAndPassword() {
        // The application's DataSource points nowhere useful; godwit.url is where Godwit migrates.
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(GodwitAutoConfiguration.class))
                .withPropertyValues("godwit.locations=classpath:db/autoconf",
                        "godwit.settings[report.dir]=target/godwit-reports", "godwit.mode=migrate",
                        "godwit.url=" + db.jdbcUrl(), "godwit.user=" + db.user(),
                        "godwit.password=" + (db.password() == null ? "" : db.password()))
                .run(context -> assertThat(context).hasNotFailed());
        assertThat(db.tableExists("public.accounts")).isTrue();
    }

    @Test
    void anUnreachableMigrationDatabaseFailsStartUpWithExit8AndNoPassword() {
        runner.withPropertyValues("godwit.url=postgres://localhost:1/ledger", "godwit.user=migrator",
                "godwit.password=s3cret-pw").run(context -> {
                    assertThat(context).hasFailed();
                    Throwable cause = rootGodwit(context.getStartupFailure());
                    assertThat(((GodwitException) cause).exitCode()).isEqualTo(8);
                    assertThat(cause.getMessage()).contains("localhost").doesNotContain("s3cret-pw");
                });
    }

    @Test
    void userAndPasswordJoinTheUrlEncoded() {
        assertThat(GodwitAutoConfiguration.withCredentials("postgres://h:5432/db", "mig", "p&ss"))
                .isEqualTo("postgres://h:5432/db?user=mig&password=p%26ss");
        assertThat(GodwitAutoConfiguration.withCredentials("jdbc:postgresql://h/db?sslmode=require", "mig", null))
                .isEqualTo("jdbc:postgresql://h/db?sslmode=require&user=mig");
    }

    static Throwable rootGodwit(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof GodwitException) {
                return c;
            }
        }
        return t;
    }
}
