package dev.godwit.rehearse;

import dev.godwit.plan.MigrationPreparer;
import dev.godwit.plan.PreparedMigration;
import dev.godwit.plan.Reverts;
import dev.godwit.migration.MigrationKind;
import dev.godwit.migration.MigrationScript;
import dev.godwit.migration.MigrationSet;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the down scripts of the rehearsed migrations newest first (as {@code godwit rollback} would pick and
 * prepare them), compares the whole schema with the state before the migrations, then applies the
 * migrations again: a rollback that works once must leave a database the migrations still apply to.
 */
final class RollbackTest {

    private RollbackTest() {}

    static RollbackCheck run(Connection c, String godwitSchema, SchemaState before, List<PreparedMigration> applied,
                             MigrationSet files, MigrationPreparer preparer) throws SQLException {
        List<Reverts.Target> targets = new ArrayList<>();
        for (int i = applied.size() - 1; i >= 0; i--) {
            MigrationScript m = applied.get(i).script();
            if (m.kind() == MigrationKind.VERSIONED) {
                targets.add(new Reverts.Target(m.version(), m.label(), m.script(), null));
            }
        }
        if (targets.isEmpty()) {
            return RollbackCheck.skipped("no versioned migration to revert");
        }
        Reverts.Plan plan = Reverts.plan(targets, files, preparer);
        if (!plan.valid()) {
            return RollbackCheck.skipped("the rollback cannot run: " + summary(plan.problems()));
        }
        List<String> names = plan.downs().stream().map(d -> d.script().script()).toList();
        for (PreparedMigration down : plan.downs()) {
            Optional<String> failed = Runner.run(c, down);
            if (failed.isPresent()) {
                return new RollbackCheck(RollbackCheck.Status.FAILED, "a down script failed: " + failed.get(), names,
                        List.of(), failed, Optional.empty());
            }
        }
        List<String> differences = SchemaState.read(c, godwitSchema).diff(before);
        Optional<String> reapply = Optional.empty();
        for (PreparedMigration m : applied) {
            reapply = Runner.run(c, m);
            if (reapply.isPresent()) {
                break;
            }
        }
        boolean ok = differences.isEmpty() && reapply.isEmpty();
        String detail = !differences.isEmpty()
                ? "the down scripts left " + differences.size() + " difference(s) from the schema before"
                : reapply.isPresent() ? "the rollback restored the schema, but applying again failed: " + reapply.get()
                : names.size() + " down script(s) restored the schema exactly; the migrations applied again";
        return new RollbackCheck(ok ? RollbackCheck.Status.PASSED : RollbackCheck.Status.FAILED, detail, names,
                differences, Optional.empty(), reapply);
    }

    /**
     * The reasons, a few at most: a project without down scripts gave dozens of "has no down script" on one line of
     * 17 KB. The count says how many there are; `godwit plan --rollback` lists them all.
     */
    static String summary(List<String> problems) {
        int shown = 3;
        if (problems.size() <= shown) {
            return String.join("; ", problems);
        }
        return problems.size() + " problems, the first " + shown + ": " + String.join("; ", problems.subList(0, shown))
                + "; ... (`godwit plan --rollback --to 0` lists them all)";
    }
}
