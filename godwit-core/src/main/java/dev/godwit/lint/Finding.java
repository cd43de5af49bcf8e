package dev.godwit.lint;

import dev.godwit.config.LintSettings;
import dev.godwit.config.MoneyNames;
import dev.godwit.config.Risk;

import dev.godwit.sql.analysis.TableLock;
import java.util.Objects;
import java.util.Optional;

/**
 * One hazard found in one statement.
 *
 * @param rule            the rule's id ({@code add-column-volatile-default})
 * @param file            the file as the user named it (relative where possible)
 * @param statement       the statement's first line, shortened
 * @param message         what is wrong, in the terms of this statement (table, column, type)
 * @param lock            the lock it takes, when it takes one that matters
 * @param work            what PostgreSQL does while holding it
 * @param safeAlternative SQL that does the same thing safely (may be several statements and files)
 * @param allowedBecause  the reason of a {@code -- godwit:allow} that accepts this finding
 */
public record Finding(String rule, Risk risk, String file, int line, int column, String statement, String message,
        Optional<TableLock> lock, Work work, String safeAlternative, Optional<String> allowedBecause) {

    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(risk, "risk");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(lock, "lock");
        Objects.requireNonNull(work, "work");
        Objects.requireNonNull(safeAlternative, "safeAlternative");
        Objects.requireNonNull(allowedBecause, "allowedBecause");
    }

    public boolean allowed() {
        return allowedBecause.isPresent();
    }

    /** True when this finding stops a run: at or above {@code maxRisk} and not allowed in the file. */
    public boolean blocks(Risk maxRisk) {
        return !allowed() && risk.atLeast(maxRisk);
    }

    public Finding allow(String reason) {
        return new Finding(rule, risk, file, line, column, statement, message, lock, work, safeAlternative,
                Optional.of(reason));
    }

    /** {@code ACCESS EXCLUSIVE on accounts: blocks every read and write, for a rewrite of …}. */
    public String lockInWords() {
        return lock.map(l -> l.describe() + ": blocks " + l.mode().blocks() + ", for " + work.words())
                .orElse(work.words());
    }

    /** {@code file:line:column}. */
    public String location() {
        return file + ":" + line + ":" + column;
    }
}
