package dev.godwit.lint.rules;

import dev.godwit.lint.Rule;
import java.util.List;
import java.util.Optional;

/** The rule catalogue: every rule Godwit has, in the order the docs list them. */
public final class Rules {

    public static final List<Rule> ALL = List.of(
            // ---- locks, rewrites and scans ----
            new AddColumnVolatileDefault(),
            new CreateIndexNotConcurrently(),
            new AddColumnNotNullWithoutDefault(),
            new SetNotNullScan(),
            new ColumnTypeChange(),
            new LossyTypeChange(),
            new DropIndexNotConcurrently(),
            new ConcurrentlyInTransaction(),
            new ReindexNotConcurrently(),
            new VacuumFullOrCluster(),
            new ForeignKeyNotValid(),
            new CheckNotValid(),
            new ValidateInSameTransaction(),
            new UniqueWithoutIndex(),
            new ExcludeConstraint(),
            new DetachPartitionNotConcurrently(),
            new AttachPartitionScan(),
            new ValidationUnderExclusiveLock(),
            new RefreshMaterializedView(),
            new AlterTableRewrite(),
            new LockTable(),
            new DropForeignKey(),
            new TriggerChange(),
            new ReplicaIdentity(),
            new StatementsAfterExclusiveLock(),
            new MultipleAltersSameTable(),
            // ---- end of locks, rewrites and scans ----
            new UnanalysedStatement(),
            new SessionSetting(),
            // ---- data loss, types and money ----
            new RenameColumn(),
            new RenameTable(),
            new DropColumn(),
            new DropTable(),
            new DropSchema(),
            new DropDatabase(),
            new TruncateTable(),
            new DropCascade(),
            new DropMaterializedView(),
            new DisableTriggerAll(),
            new EnumRenameValue(),
            new SystemCatalogWrite(),
            new DmlWithoutWhere(),
            new BuiltInInvariant(),
            new PreferJsonb(),
            new PreferText(),
            new PreferBigintKeys(),
            new PreferTimestamptz(),
            new EnumAddValue(),
            new DomainWithConstraints(),
            new MoneyAsFloat(),
            new MoneyNumericUnbounded(),
            new MoneyScaleLowered(),
            new ForeignKeyTypeMismatch(),
            new ForeignKeyWithoutIndex()
            // ---- end of data loss, types and money ----
    );

    private Rules() {}

    public static Optional<Rule> byId(String id) {
        return ALL.stream().filter(r -> r.id().equals(id)).findFirst();
    }
}
