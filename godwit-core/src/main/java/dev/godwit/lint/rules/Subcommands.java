package dev.godwit.lint.rules;

import dev.godwit.sql.analysis.Action;

/** An ALTER TABLE sub-command said back in SQL words, for messages about what else a statement does. */
final class Subcommands {

    private Subcommands() {}

    static String words(Action a) {
        if (a instanceof Action.DropColumn d) {
            return "DROP COLUMN " + d.column();
        }
        if (a instanceof Action.DropConstraint d) {
            return "DROP CONSTRAINT " + d.name();
        }
        if (a instanceof Action.AddColumn ac) {
            return "ADD COLUMN " + ac.column().name();
        }
        if (a instanceof Action.AddConstraint k) {
            return "ADD " + k.constraint().written();
        }
        if (a instanceof Action.AlterColumnType at) {
            return "ALTER COLUMN " + at.column() + " TYPE " + at.type().written();
        }
        if (a instanceof Action.SetNotNull sn) {
            return "ALTER COLUMN " + sn.column() + " SET NOT NULL";
        }
        if (a instanceof Action.SetDefault sd) {
            return "ALTER COLUMN " + sd.column() + (sd.expression().isPresent() ? " SET DEFAULT …" : " DROP DEFAULT");
        }
        if (a instanceof Action.OtherAlterTable o) {
            return o.what();
        }
        return "another sub-command";
    }
}
