package dev.godwit.rehearse;

import dev.godwit.sql.analysis.LockMode;
import java.util.Optional;

/**
 * Where the linter's prediction of a statement's lock and what PostgreSQL did differ.
 *
 * @param predicted   what the linter said; empty when it predicted no lock on the relation
 * @param observed    what PostgreSQL took; empty when it took none
 * @param missedBlock PostgreSQL took a lock that blocks writes (SHARE or stronger) that the linter did not
 *                    predict or predicted weaker: a lint bug that lets a dangerous migration through
 */
public record Disagreement(String relation, Optional<LockMode> predicted, Optional<LockMode> observed,
                           boolean missedBlock) {

    public String describe() {
        String p = predicted.map(LockMode::sqlName).orElse("no lock");
        String o = observed.map(LockMode::sqlName).orElse("no lock");
        return relation + ": the linter predicted " + p + ", PostgreSQL took " + o
                + (missedBlock ? " (a blocking lock the linter missed)" : "");
    }
}
