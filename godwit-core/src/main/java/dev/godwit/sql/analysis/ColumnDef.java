package dev.godwit.sql.analysis;

import java.util.Objects;
import java.util.Optional;

/**
 * A column as CREATE TABLE or ADD COLUMN defines it.
 *
 * @param defaultExpr       the DEFAULT expression as written
 * @param defaultVolatility how that default behaves (serial and identity columns count as volatile)
 * @param generated         a {@code GENERATED … AS IDENTITY} or {@code GENERATED ALWAYS AS (…) STORED} column
 * @param references        an inline {@code REFERENCES}
 * @param check             an inline {@code CHECK (…)}, as written
 */
public record ColumnDef(String name, TypeName type, Optional<String> defaultExpr, Volatility defaultVolatility,
        boolean notNull, boolean primaryKey, boolean unique, boolean generated, Optional<ForeignKey> references,
        Optional<String> check) {

    public ColumnDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultExpr, "defaultExpr");
        Objects.requireNonNull(defaultVolatility, "defaultVolatility");
        Objects.requireNonNull(references, "references");
        Objects.requireNonNull(check, "check");
    }

    /** True when existing rows get a value without the table being rewritten to hold it. */
    public boolean hasValueForExistingRows() {
        return defaultExpr.isPresent() || generated || type.isSerial();
    }
}
