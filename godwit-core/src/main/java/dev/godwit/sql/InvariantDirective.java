package dev.godwit.sql;

/**
 * {@code -- godwit:invariant <name> <expectation>: <sql>}: a query whose result must meet the expectation
 * before the migration commits. Stored as written; the integrity package gives the expectation its meaning.
 */
public record InvariantDirective(String name, String expectation, String sql, int line) {}
