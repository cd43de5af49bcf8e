package dev.godwit.preflight;

import dev.godwit.sql.analysis.TableLock;

/** A lock a pending migration will take: {@code V3__x.sql:12:1} takes ACCESS EXCLUSIVE on accounts. */
public record Touch(String location, TableLock lock) {}
