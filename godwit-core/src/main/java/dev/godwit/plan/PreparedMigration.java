package dev.godwit.plan;

import dev.godwit.migration.MigrationScript;
import dev.godwit.sql.SqlStatement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A migration ready to run: split into statements, placeholders replaced, its transaction mode and
 * timeouts decided.
 *
 * @param nonTransactionalBecause why it runs statement by statement outside a transaction; empty when it
 *     runs in one transaction
 * @param downChecksum for an up migration, the checksum of its down script (recorded with it); else null
 */
public record PreparedMigration(MigrationScript script, List<Runnable> statements,
                                Optional<String> nonTransactionalBecause, Duration lockTimeout,
                                Duration statementTimeout, String downChecksum) {

    /** One statement: the SQL to send (placeholders replaced) and where it came from. */
    public record Runnable(String sql, SqlStatement source) {}

    public boolean transactional() {
        return nonTransactionalBecause.isEmpty();
    }

    /** {@code V3__x.sql:12:1}: how messages point at a statement. */
    public String location(SqlStatement s) {
        return script.script() + ":" + s.line() + ":" + s.column();
    }
}
