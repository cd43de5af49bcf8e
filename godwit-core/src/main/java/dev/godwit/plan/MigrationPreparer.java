package dev.godwit.plan;

import dev.godwit.config.MigrateSettings;
import dev.godwit.migration.MigrationScript;
import dev.godwit.sql.FileDirectives;
import dev.godwit.sql.Placeholders;
import dev.godwit.sql.SqlScript;
import dev.godwit.sql.SqlStatement;
import dev.godwit.sql.SqlSyntaxException;
import dev.godwit.sql.TransactionRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a migration file into a {@link PreparedMigration}, or into the list of everything wrong with it
 * (syntax, directives, undefined placeholders, BEGIN/COMMIT inside a transactional migration), each with
 * {@code file:line:col}. Every pending migration is prepared before the first one runs, so a mistake in
 * the fifth file stops the run before the first is applied.
 */
public final class MigrationPreparer {

    private final Map<String, String> placeholders;
    private final MigrateSettings settings;

    public MigrationPreparer(Map<String, String> placeholders, MigrateSettings settings) {
        this.placeholders = Map.copyOf(placeholders);
        this.settings = settings;
    }

    /** Either a prepared migration or its problems; never both. */
    public record Result(Optional<PreparedMigration> migration, List<String> problems) {}

    public Result prepare(MigrationScript script) {
        return prepare(script, null);
    }

    /** @param downChecksum the checksum of the up migration's down script, to record with it; null if none */
    public Result prepare(MigrationScript script, String downChecksum) {
        SqlScript parsed;
        try {
            parsed = SqlScript.parse(script.text());
        } catch (SqlSyntaxException e) {
            return problem(script.script() + ":" + e.line() + ":" + e.column() + ": " + e.problem());
        }
        List<String> problems = new ArrayList<>();
        List<PreparedMigration.Runnable> statements = new ArrayList<>();
        for (SqlStatement s : parsed.statements()) {
            try {
                statements.add(new PreparedMigration.Runnable(Placeholders.replace(s.text(), placeholders), s));
            } catch (SqlSyntaxException e) {
                int line = s.line() + e.line() - 1;
                int column = e.line() == 1 ? s.column() + e.column() - 1 : e.column();
                problems.add(script.script() + ":" + line + ":" + column + ": " + e.problem());
            }
        }
        FileDirectives d = parsed.directives();
        Optional<String> because = nonTransactionalBecause(script, parsed);
        if (because.isEmpty()) {
            for (SqlStatement s : parsed.statements()) {
                if (TransactionRules.isTransactionControl(s)) {
                    problems.add(script.script() + ":" + s.line() + ":" + s.column() + ": " + s.summary()
                            + " — Godwit runs each migration in a transaction of its own; remove the"
                            + " transaction control, or add `-- godwit:no-transaction` at the top of the file to"
                            + " run its statements one by one");
                }
            }
        }
        if (d.batch().isPresent()) {
            try {
                dev.godwit.sql.BatchStatement.of(parsed.statements(), d);
            } catch (SqlSyntaxException e) {
                problems.add(script.script() + ":" + e.line() + ":" + e.column() + ": " + e.problem());
            }
        }
        if (!problems.isEmpty()) {
            return new Result(Optional.empty(), List.copyOf(problems));
        }
        return new Result(Optional.of(new PreparedMigration(script, List.copyOf(statements), because,
                d.lockTimeout().orElse(settings.lockTimeout()),
                d.statementTimeout().orElse(settings.statementTimeout()), downChecksum)), List.of());
    }

    private static Optional<String> nonTransactionalBecause(MigrationScript script, SqlScript parsed) {
        if (parsed.directives().noTransaction()) {
            return Optional.of("the file says -- godwit:no-transaction");
        }
        if (script.outsideTransaction().isPresent()) {
            return script.outsideTransaction();
        }
        for (SqlStatement s : parsed.statements()) {
            Optional<String> why = TransactionRules.whyNotInTransaction(s);
            if (why.isPresent()) {
                return Optional.of(script.script() + ":" + s.line() + ": " + why.get());
            }
        }
        return Optional.empty();
    }

    private static Result problem(String p) {
        return new Result(Optional.empty(), List.of(p));
    }
}
