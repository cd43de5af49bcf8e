package dev.godwit.lint;

import dev.godwit.sql.SqlScript;
import dev.godwit.sql.SqlStatement;
import dev.godwit.sql.TransactionRules;
import java.util.Objects;

/**
 * One file to lint.
 *
 * @param file          the name shown in findings
 * @param transactional Godwit runs it in one transaction (no {@code no-transaction} directive and no
 *                      statement that PostgreSQL refuses inside one)
 */
public record LintInput(String file, SqlScript script, boolean transactional) {

    public LintInput {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(script, "script");
    }

    /** The file as {@code migrate} would run it: in a transaction unless it says or needs otherwise. */
    public static LintInput of(String file, SqlScript script) {
        boolean transactional = !script.directives().noTransaction();
        for (SqlStatement s : script.statements()) {
            if (TransactionRules.whyNotInTransaction(s).isPresent()) {
                transactional = false;
            }
        }
        return new LintInput(file, script, transactional);
    }
}
