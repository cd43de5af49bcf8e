package dev.godwit.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TransactionRulesTest {

    private static SqlStatement statement(String sql) throws SqlSyntaxException {
        var statements = StatementSplitter.split(sql);
        assertThat(statements).hasSize(1);
        return statements.get(0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "CREATE INDEX CONCURRENTLY i ON t (a)                     | CREATE INDEX CONCURRENTLY cannot run inside a transaction block",
            "create unique index concurrently if not exists i on t(a) | CREATE INDEX CONCURRENTLY cannot run inside a transaction block",
            "CREATE INDEX CONCURRENTLY ON t (a)                       | CREATE INDEX CONCURRENTLY cannot run inside a transaction block",
            "DROP INDEX CONCURRENTLY IF EXISTS i                      | DROP INDEX CONCURRENTLY cannot run inside a transaction block",
            "REINDEX INDEX CONCURRENTLY i                             | REINDEX CONCURRENTLY cannot run inside a transaction block",
            "REINDEX (VERBOSE) TABLE CONCURRENTLY t                   | REINDEX CONCURRENTLY cannot run inside a transaction block",
            "REINDEX (CONCURRENTLY) TABLE t                           | REINDEX CONCURRENTLY cannot run inside a transaction block",
            "REINDEX DATABASE app                                     | REINDEX DATABASE cannot run inside a transaction block",
            "REINDEX (VERBOSE) SYSTEM                                 | REINDEX SYSTEM cannot run inside a transaction block",
            "REINDEX SCHEMA public                                    | REINDEX SCHEMA cannot run inside a transaction block",
            "VACUUM                                                   | VACUUM cannot run inside a transaction block",
            "vacuum (analyze, verbose) t                              | VACUUM cannot run inside a transaction block",
            "VACUUM FULL t                                            | VACUUM cannot run inside a transaction block",
            "ALTER SYSTEM SET work_mem = '64MB'                       | ALTER SYSTEM cannot run inside a transaction block",
            "CREATE DATABASE app2                                     | CREATE DATABASE cannot run inside a transaction block",
            "DROP DATABASE IF EXISTS app2                             | DROP DATABASE cannot run inside a transaction block",
            "CREATE TABLESPACE fast LOCATION '/ssd'                   | CREATE TABLESPACE cannot run inside a transaction block",
            "DROP TABLESPACE fast                                     | DROP TABLESPACE cannot run inside a transaction block",
            "ALTER TABLE m DETACH PARTITION m_2020 CONCURRENTLY       | ALTER TABLE ... DETACH CONCURRENTLY cannot run inside a transaction block",
            "CLUSTER                                                  | CLUSTER cannot run inside a transaction block",
            "CLUSTER VERBOSE                                          | CLUSTER cannot run inside a transaction block",
            "CLUSTER (VERBOSE)                                        | CLUSTER cannot run inside a transaction block",
            "CREATE SUBSCRIPTION s CONNECTION 'host=x' PUBLICATION p  | CREATE SUBSCRIPTION ... WITH (create_slot = true) cannot run inside a transaction block",
            "DROP SUBSCRIPTION s                                      | DROP SUBSCRIPTION cannot run inside a transaction block",
            "ALTER DATABASE app SET TABLESPACE fast                   | ALTER DATABASE SET TABLESPACE cannot run inside a transaction block",
            "DISCARD ALL                                              | DISCARD ALL cannot run inside a transaction block",
    })
    void statementsPostgresRefusesInATransaction(String sql, String reason) throws SqlSyntaxException {
        assertThat(TransactionRules.whyNotInTransaction(statement(sql))).contains(reason);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "CREATE INDEX i ON t (a)",
            "CREATE INDEX \"concurrently\" ON t (a)",
            "DROP INDEX i",
            "REINDEX TABLE t",
            "REINDEX INDEX i",
            "ANALYZE t",
            "ALTER TABLE m DETACH PARTITION m_2020",
            "ALTER TABLE m ATTACH PARTITION m_2020 FOR VALUES IN (1)",
            "ALTER DATABASE app SET work_mem = '1MB'",
            "ALTER DATABASE app SET default_tablespace = fast",
            "CLUSTER t USING t_pkey",
            "CLUSTER VERBOSE t",
            "CLUSTER (VERBOSE) t",
            "CREATE TABLE vacuum_log (a int)",
            "SELECT 'VACUUM'",
            "DISCARD PLANS",
            "CREATE TABLE t (a int)",
            "INSERT INTO t VALUES (1)",
            "DO $$ BEGIN EXECUTE 'VACUUM'; END $$",
            "ALTER SUBSCRIPTION s DISABLE",
            "(select 1)",
            "REINDEX (CONCURRENTLY false) INDEX i",
            "REINDEX (VERBOSE, CONCURRENTLY off) TABLE t",
    })
    void everythingElseCanRunInATransaction(String sql) throws SqlSyntaxException {
        assertThat(TransactionRules.whyNotInTransaction(statement(sql))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "ALTER TABLE m DETACH PARTITION m_2020 FINALIZE",
    })
    void detachFinalizeRunsOutsideATransactionLikeTheDetachItFinishes(String sql) throws SqlSyntaxException {
        assertThat(TransactionRules.whyNotInTransaction(statement(sql))).hasValueSatisfying(
                reason -> assertThat(reason).startsWith("ALTER TABLE ... DETACH PARTITION ... FINALIZE"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "BEGIN", "begin transaction isolation level serializable", "START TRANSACTION", "COMMIT", "COMMIT AND CHAIN",
            "END", "ROLLBACK", "ROLLBACK TO SAVEPOINT a", "ABORT", "SAVEPOINT a", "RELEASE SAVEPOINT a", "RELEASE a",
            "PREPARE TRANSACTION 'x'", "COMMIT PREPARED 'x'", "ROLLBACK PREPARED 'x'",
    })
    void transactionControl(String sql) throws SqlSyntaxException {
        assertThat(TransactionRules.isTransactionControl(statement(sql))).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "PREPARE q AS SELECT 1", "START", "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE", "SELECT 'COMMIT'",
            "\"commit\"", "CREATE TABLE savepoint_log (a int)", "DO $$ BEGIN COMMIT; END $$", "CALL p()",
    })
    void notTransactionControl(String sql) throws SqlSyntaxException {
        assertThat(TransactionRules.isTransactionControl(statement(sql))).isFalse();
    }
}
